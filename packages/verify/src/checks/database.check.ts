import pg from "pg";
import { type Check, fail, pass } from "../check";
import { withoutPassword } from "../secrets";

const CONNECT_TIMEOUT_MS = 5_000;

export const databaseCheck: Check = {
  id: "database",
  title: "Database reachable",
  async run({ settings }) {
    if (!settings.databaseUrl) {
      return fail(settings.databaseProblem ?? "no database configured", "set DATABASE_URL, or start npm run dev for the embedded database");
    }
    const where = withoutPassword(settings.databaseUrl);
    const client = new pg.Client({ connectionString: settings.databaseUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    try {
      await client.connect();
      const { rows } = await client.query<{ version: string }>("SELECT current_setting('server_version') AS version");
      return pass(`PostgreSQL ${rows[0]?.version} at ${where}`);
    } catch (error) {
      return fail(`cannot connect to ${where}: ${(error as Error).message}`, "start PostgreSQL or correct DATABASE_URL (host, port, credentials)");
    } finally {
      await client.end().catch(() => undefined);
    }
  },
};
