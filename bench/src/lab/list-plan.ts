import { LIST_QUERY } from "./catalogue";
import { withClient } from "./catalogue-db";

/**
 * The two statements service.list runs (MikroORM's findAndCount: a page and a count), written out
 * with the catalogue's search term and status, for timing them with EXPLAIN ANALYZE.
 */
const FILTER = `s.company_id = (SELECT id FROM companies WHERE slug = 'askproai') AND s.sync_status = '${LIST_QUERY.status}'
  AND (s.name ILIKE '%${LIST_QUERY.search}%' OR s.slug ILIKE '%${LIST_QUERY.search}%' OR s.description ILIKE '%${LIST_QUERY.search}%')`;
const PAGE = `SELECT s.*, c.name FROM services s JOIN companies c ON c.id = s.company_id WHERE ${FILTER} ORDER BY s.name, s.id LIMIT ${LIST_QUERY.pageSize}`;
const COUNT = `SELECT count(*) FROM services s JOIN companies c ON c.id = s.company_id WHERE ${FILTER}`;

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
  pageWithTrigrams: number;
  countWithTrigrams: number;
}

/**
 * Times the list statements as the schema is, then with trigram GIN indexes on the searched columns
 * (pg_trgm), which let PostgreSQL answer `ILIKE '%term%'` without reading every row of the company.
 * The indexes are dropped again: this only shows what such a migration would buy.
 */
export function timeListPlans(databaseUrl: string): Promise<ListPlanTimes> {
  return withClient(databaseUrl, async (client) => {
    const page = await executionMs(client, PAGE);
    const count = await executionMs(client, COUNT);
    await client.query("CREATE EXTENSION IF NOT EXISTS pg_trgm");
    const columns = ["name", "slug", "description"];
    for (const column of columns) await client.query(`CREATE INDEX bench_trgm_${column} ON services USING gin (${column} gin_trgm_ops)`);
    await client.query("ANALYZE services");
    try {
      return { page, count, pageWithTrigrams: await executionMs(client, PAGE), countWithTrigrams: await executionMs(client, COUNT) };
    } finally {
      for (const column of columns) await client.query(`DROP INDEX bench_trgm_${column}`);
    }
  });
}
