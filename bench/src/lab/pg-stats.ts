import { withClient } from "./catalogue-db";

export interface StatementStat {
  query: string;
  calls: number;
  meanMs: number;
  totalMs: number;
  rows: number;
}

export interface TableStat {
  table: string;
  seqScans: number;
  seqRowsRead: number;
  indexScans: number;
}

/** Forgets what pg_stat_statements collected so far (the whole cluster). */
export function resetStatements(databaseUrl: string): Promise<void> {
  return withClient(databaseUrl, async (client) => {
    await client.query("SELECT pg_stat_statements_reset()");
  });
}

/** The statements of this database that took the most time since the last reset. */
export function topStatements(databaseUrl: string, limit = 8): Promise<StatementStat[]> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ query: string; calls: string; mean: number; total: number; rows: string }>(
      `SELECT query, calls, mean_exec_time AS mean, total_exec_time AS total, rows FROM pg_stat_statements
       WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) ORDER BY total_exec_time DESC LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({ query: row.query, calls: Number(row.calls), meanMs: row.mean, totalMs: row.total, rows: Number(row.rows) }));
  });
}

/** Statements this database ran since the last reset, all kinds together. */
export function totalCalls(databaseUrl: string): Promise<number> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ calls: string | null }>(
      "SELECT sum(calls) AS calls FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())",
    );
    return Number(rows[0]?.calls ?? 0);
  });
}

/** Scan counters of the application's tables (cumulative; subtract two readings). */
export function tableStats(databaseUrl: string): Promise<TableStat[]> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ table: string; seq: string; seqread: string; idx: string | null }>(
      "SELECT relname AS table, seq_scan AS seq, seq_tup_read AS seqread, idx_scan AS idx FROM pg_stat_user_tables",
    );
    return rows.map((row) => ({ table: row.table, seqScans: Number(row.seq), seqRowsRead: Number(row.seqread), indexScans: Number(row.idx ?? 0) }));
  });
}

export function renderStatements(title: string, statements: StatementStat[], requests: number, unit = "request"): string[] {
  const shorten = (sql: string) => {
    const flat = sql.replace(/\s+/g, " ").trim();
    return (flat.length > 220 ? `${flat.slice(0, 217)}...` : flat).replaceAll("|", "\\|").replaceAll("`", "'");
  };
  return [
    `**${title}** (pg_stat_statements over ${requests} ${unit}s)`,
    "",
    `| Statement | Calls per ${unit} | Mean | Share of these statements' time |`,
    "| --- | --- | --- | --- |",
    ...(statements.length === 0 ? ["| (pg_stat_statements recorded nothing for this database) | | | |"] : []),
    ...(() => {
      const total = statements.reduce((sum, statement) => sum + statement.totalMs, 0);
      return statements.map(
        (statement) =>
          `| \`${shorten(statement.query)}\` | ${(statement.calls / requests).toFixed(2)} | ${statement.meanMs.toFixed(3)} ms | ${((statement.totalMs / total) * 100).toFixed(1)}% |`,
      );
    })(),
    "",
  ];
}
