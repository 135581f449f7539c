import { migrations } from "@askpro/db";
import { type Check, fail, pass, warn } from "../check";

export const migrationsCheck: Check = {
  id: "migrations",
  title: "Migrations applied",
  needs: ["database"],
  async run(ctx) {
    const executed = (await (await ctx.orm()).migrator.getExecuted()).map((migration) => migration.name);
    const committed = migrations.map((migration) => migration.name);
    const pending = committed.filter((name) => !executed.includes(name));
    const unknown = executed.filter((name) => !committed.includes(name));
    if (pending.length > 0) {
      return fail(`${pending.length} of ${committed.length} pending: ${pending.join(", ")}`, "apply them: npm run db:migrate (with the same DATABASE_URL)", {
        pending,
      });
    }
    if (unknown.length > 0) {
      return warn(
        `the database has migrations this release does not know: ${unknown.join(", ")}`,
        "a newer release migrated this database: deploy that release, or roll the schema back first",
        { unknown },
      );
    }
    return pass(`all ${committed.length} applied (latest ${committed.at(-1)})`);
  },
};
