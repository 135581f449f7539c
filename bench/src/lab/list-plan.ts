import { LIST_QUERY } from "./catalogue";
import { withClient } from "./catalogue-db";

/**
 * The two statements service.list runs (MikroORM's findAndCount: a page and a count), written out
 * with the catalogue's search term and status, for timing them with EXPLAIN ANALYZE; and the same
 * two with the search as one ILIKE on the three columns joined, which a trigram index can serve.
 */
const SCOPE = `s.company_id = (SELECT id FROM companies WHERE slug = 'askproai') AND s.sync_status = '${LIST_QUERY.status}'`;
const TERM = `'%${LIST_QUERY.search}%'`;
const PER_COLUMN = `(s.name ILIKE ${TERM} OR s.slug ILIKE ${TERM} OR s.description ILIKE ${TERM})`;
const SEARCH_TEXT = "(s.name || ' ' || s.slug || ' ' || s.description)";
const JOINED = `${SEARCH_TEXT} ILIKE ${TERM}`;
const page = (search: string) =>
  `SELECT s.*, c.name FROM services s JOIN companies c ON c.id = s.company_id WHERE ${SCOPE} AND ${search} ORDER BY s.name, s.id LIMIT ${LIST_QUERY.pageSize}`;
const count = (search: string) => `SELECT count(*) FROM services s JOIN companies c ON c.id = s.company_id WHERE ${SCOPE} AND ${search}`;

const RUNS = 20;

/** Median execution time (ms) of a statement over RUNS runs, as PostgreSQL measures it. */
async function executionMs(client: { query: (sql: string) => Promise<{ rows: Array<Record<string, string>> }> }, sql: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const { rows } = await client.query(`EXPLAIN (ANALYZE, TIMING OFF) ${sql}`);
    const line = rows.map((row) => Object.values(row)[0]).find((text) => text?.startsWith("Execution Time"));
    times.push(Number(/([\d.]+) ms/.exec(line ?? "")?.[1]));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)] as number;
}

export interface ListPlanTimes {
  page: number;
  count: number;
  indexedPage: number;
  indexedCount: number;
}

/**
 * Times the list statements as the api sends them today, then written as one ILIKE over the joined
 * columns with a trigram GIN index on that expression (pg_trgm), which lets PostgreSQL find the
 * matches without running three ILIKEs on every row of the company. The index is dropped again:
 * this only shows what such a migration (and the matching change to the list query) would buy.
 */
export function timeListPlans(databaseUrl: string): Promise<ListPlanTimes> {
  return withClient(databaseUrl, async (client) => {
    const today = { page: await executionMs(client, page(PER_COLUMN)), count: await executionMs(client, count(PER_COLUMN)) };
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_trgm");
    await client.query(`CREATE INDEX bench_search_trgm ON services USING gin (${SEARCH_TEXT.replaceAll("s.", "")} gin_trgm_ops)`);
    await client.query("ANALYZE services");
    try {
      return { ...today, indexedPage: await executionMs(client, page(JOINED)), indexedCount: await executionMs(client, count(JOINED)) };
    } finally {
      await client.query("DROP INDEX bench_search_trgm");
    }
  });
}
