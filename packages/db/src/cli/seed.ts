/** `npm run seed -w @askpro/db`: loads the demo data (development and tests only). */
import { resolveDatabaseUrl } from "../database-url";
import { createOrm } from "../orm";
import { DemoSeeder } from "../seed/demo-seeder";

if (process.env.NODE_ENV === "production") {
  console.error("Refusing to load demo data with NODE_ENV=production");
  process.exit(1);
}
const orm = await createOrm(resolveDatabaseUrl());
try {
  await orm.seeder.seed(DemoSeeder);
  console.log("Demo data loaded: admin@askpro.test, viewer@askpro.test, admin@praxis-nord.test, operator@askpro.test (password askpro-demo).");
} finally {
  await orm.close();
}
