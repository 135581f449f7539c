import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const URL_FILE = "postgres.url";

/** Where local state lives: `ASKPRO_DATA_DIR`, else `.data/` at the repository root. */
export function dataDir(source: NodeJS.ProcessEnv = process.env): string {
  return source.ASKPRO_DATA_DIR?.trim() ? source.ASKPRO_DATA_DIR : join(findRepositoryRoot(process.cwd()), ".data");
}

/**
 * The database to use: `DATABASE_URL`, else the embedded PostgreSQL that `npm run dev` (its owner)
 * started and recorded under the data dir.
 */
export function resolveDatabaseUrl(source: NodeJS.ProcessEnv = process.env): string {
  if (source.DATABASE_URL?.trim()) return source.DATABASE_URL;
  const file = join(dataDir(source), URL_FILE);
  if (existsSync(file)) {
    const url = readFileSync(file, "utf8").trim();
    if (url) return url;
  }
  throw new Error("DATABASE_URL is unset and no embedded database is running: start `npm run dev` or set DATABASE_URL");
}

/**
 * Called by the process that owns the embedded database. The file is removed when that process
 * exits, because a URL left behind would point the api and worker at a server that is gone.
 */
export function recordDatabaseUrl(directory: string, url: string): void {
  const file = join(directory, URL_FILE);
  writeFileSync(file, `${url}\n`, { mode: 0o600 });
  process.once("exit", () => {
    if (existsSync(file) && readFileSync(file, "utf8").trim() === url) rmSync(file, { force: true });
  });
}

function findRepositoryRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && "workspaces" in JSON.parse(readFileSync(manifest, "utf8"))) return dir;
    if (dirname(dir) === dir) return start;
  }
}
