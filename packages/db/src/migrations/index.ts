// Maintained by `npm run migration:create -w @askpro/db`: every migration, in order.
import { Migration20261124090417_initial } from "./Migration20261124090417_initial";

export const migrations = [
  { name: "Migration20261124090417_initial", class: Migration20261124090417_initial },
];
