import pg from "pg";
import { FIRST_EVENT_TYPE_ID } from "./catalogue";

/** Ids of catalogue services number `from` to `from + count - 1` (by their event type), none pending. */
export async function catalogueServiceIds(databaseUrl: string, from: number, count: number): Promise<string[]> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM services WHERE calcom_event_type_id BETWEEN $1 AND $2 AND sync_status <> 'pending' ORDER BY calcom_event_type_id`,
      [FIRST_EVENT_TYPE_ID + from, FIRST_EVENT_TYPE_ID + from + count - 1],
    );
    return rows.map((row) => row.id);
  });
}

export async function withClient<T>(databaseUrl: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** Runs `task` over `items` with at most `concurrency` at once; results in input order. */
export async function inParallel<T, R>(items: readonly T[], concurrency: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T, index);
    }
  });
  await Promise.all(lanes);
  return results;
}
