import { type Check, fail, pass } from "../check";

/** The columns the sync flow reads and writes, with the types the migrations give them. */
const SYNC_COLUMNS: Record<string, string> = {
  calcom_event_type_id: "bigint",
  sync_status: "text",
  sync_error: "text",
  last_synced_at: "timestamp with time zone",
  last_sync_attempt_at: "timestamp with time zone",
  version: "integer",
};

export const syncColumnsCheck: Check = {
  id: "sync-columns",
  title: "Sync columns on services",
  needs: ["database"],
  async run(ctx) {
    const rows = await (await ctx.orm()).em.getConnection().execute<{ column_name: string; data_type: string }[]>(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'services'",
    );
    const actual = new Map(rows.map((row) => [row.column_name, row.data_type]));
    const wrong = Object.entries(SYNC_COLUMNS)
      .filter(([name, type]) => actual.get(name) !== type)
      .map(([name, type]) => (actual.has(name) ? `${name} is ${actual.get(name)}, not ${type}` : `${name} is missing`));
    if (wrong.length > 0) {
      const detail = actual.size === 0 ? "there is no services table" : wrong.join("; ");
      return fail(detail, "apply the migrations: npm run db:migrate (never edit the schema by hand)");
    }
    return pass(Object.keys(SYNC_COLUMNS).join(", "));
  },
};
