import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { composeEnv } from "@askpro/env";
import { afterEach, describe, expect, it } from "vitest";
import { databaseEnv } from "./database-env";
import { recordDatabaseUrl } from "./database-url";

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function newDataDir(): string {
  const directory = mkdtempSync(join(tmpdir(), "askpro-db-env-"));
  directories.push(directory);
  return directory;
}

const databaseOf = (source: NodeJS.ProcessEnv) => composeEnv(source, (options) => databaseEnv(options));

describe("databaseEnv", () => {
  it("takes a postgres:// or postgresql:// DATABASE_URL", () => {
    for (const url of ["postgres://askpro:pw@db:5432/askpro", "postgresql://db/askpro"]) {
      expect(databaseOf({ DATABASE_URL: url })).toMatchObject({ env: { DATABASE_URL: url }, problems: [] });
    }
  });

  it("refuses anything else with one line naming the variable, never its value", () => {
    for (const url of ["not a url", "mysql://root:hunter2@db/askpro", "db.internal:5432"]) {
      const { problems } = databaseOf({ DATABASE_URL: url });
      expect(problems).toEqual(["DATABASE_URL must be a URL such as postgres://user:password@host:5432/askpro"]);
    }
  });

  it("without DATABASE_URL, uses the embedded database recorded in the data dir, or says how to get one", () => {
    const directory = newDataDir();
    expect(databaseOf({ ASKPRO_DATA_DIR: directory, DATABASE_URL: " " }).problems).toEqual([
      "DATABASE_URL is unset and no embedded database is running: start `npm run dev` or set DATABASE_URL",
    ]);
    recordDatabaseUrl(directory, "postgres://postgres:pw@127.0.0.1:5999/askpro");
    expect(databaseOf({ ASKPRO_DATA_DIR: directory }).env.DATABASE_URL).toBe("postgres://postgres:pw@127.0.0.1:5999/askpro");
  });
});
