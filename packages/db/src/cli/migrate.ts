/** `npm run migrate -w @askpro/db`: applies the committed migrations to DATABASE_URL (or the embedded database). */
import { resolveDatabaseUrl } from "../database-url";
import { createOrm } from "../orm";

const orm = await createOrm(resolveDatabaseUrl());
try {
  const applied = await orm.migrator.up();
  console.log(applied.length ? `Applied ${applied.map((m) => m.name).join(", ")}` : "Database schema is up to date.");
} finally {
  await orm.close();
}
