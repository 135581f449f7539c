/**
 * A process that calls Cal.com with one key through the shared budget, as a worker's syncs or the
 * api's previews do: the tests of the shared rate budget start several. Configured by environment
 * (DATABASE_URL, CALCOM_API_URL, CALCOM_API_KEY, REQUESTS, CONCURRENCY); prints one JSON line with
 * every request it sent: when it was sent (after the budget let it go) and Cal.com's status.
 */
import { CalcomError, createCalcomClient } from "@askpro/calcom";
import { calcomRateBudgetStore, createOrm } from "@askpro/db";

const env = process.env as Record<string, string>;
const orm = await createOrm(env.DATABASE_URL as string, { pool: { max: 2 } });
const sent: { at: number; status: number | null }[] = [];
const client = createCalcomClient({
  apiKey: env.CALCOM_API_KEY as string,
  baseUrl: env.CALCOM_API_URL as string,
  rateBudget: calcomRateBudgetStore(orm),
  onRequest: ({ status, durationMs }) => sent.push({ at: Date.now() - durationMs, status: status ?? null }),
});
let left = Number(env.REQUESTS);
const failures: string[] = [];
await Promise.all(
  Array.from({ length: Number(env.CONCURRENCY) }, async () => {
    while (left > 0) {
      left--;
      await client.me().catch((error: unknown) => failures.push(error instanceof CalcomError ? error.kind : String(error)));
    }
  }),
);
process.stdout.write(`${JSON.stringify({ sent, failures })}\n`);
await orm.close();
