import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createOrm, DemoSeeder, type EmbeddedPostgres, startEmbeddedPostgres } from "@askpro/db";
import pg from "pg";
import { catalogueInsertSql } from "./catalogue";

const TEMPLATE = "bench_template";

export interface BenchDatabase {
  /** The embedded server's maintenance URL. */
  adminUrl: string;
  /** A new database copied from the template: migrated, demo data, and the 10,000-service catalogue. */
  fresh(name: string): Promise<string>;
  drop(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * One embedded PostgreSQL for the whole run, as the product runs it by default (throw-away cluster,
 * so fsync is off: the figures are for the application, not the disk). The template is built once;
 * each benchmark gets its own copy, so no benchmark sees another's syncs.
 */
export async function startBenchDatabase(log: (line: string) => void): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), "askpro-bench-"));
  let server: EmbeddedPostgres;
  try {
    // pg_stat_statements must be preloaded at server start: set it, then start again on the same cluster.
    const first = await startEmbeddedPostgres({ dataDir, ephemeral: true });
    await query(first.adminUrl, "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'").finally(() => first.stop());
    server = await startEmbeddedPostgres({ dataDir, ephemeral: true });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const urlOf = (name: string) => {
    const url = new URL(server.adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const admin = (sql: string) => query(server.adminUrl, sql);

  const started = Date.now();
  await admin(`CREATE DATABASE ${TEMPLATE}`);
  const orm = await createOrm(urlOf(TEMPLATE), { pool: { max: 2 } });
  try {
    await orm.migrator.up();
    await orm.seeder.seed(DemoSeeder);
    await orm.em.getConnection().execute(catalogueInsertSql(), [], "run");
    await orm.em.getConnection().execute("CREATE EXTENSION pg_stat_statements", [], "run");
    await orm.em.getConnection().execute("VACUUM ANALYZE", [], "run");
  } finally {
    await orm.close();
  }
  log(`database template ready in ${Date.now() - started} ms`);

  return {
    adminUrl: server.adminUrl,
    fresh: async (name) => {
      await admin(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
      return urlOf(name);
    },
    drop: (name) => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function query(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
