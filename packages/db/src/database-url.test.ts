import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dataDir, recordDatabaseUrl, resolveDatabaseUrl } from "./database-url";

describe("resolveDatabaseUrl", () => {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, ASKPRO_DATA_DIR: process.env.ASKPRO_DATA_DIR };
  let directory: string;
  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), "askpro-url-"));
    delete process.env.DATABASE_URL;
    process.env.ASKPRO_DATA_DIR = directory;
  });
  afterEach(() => {
    rmSync(directory, { recursive: true, force: true });
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  it("explains what to do when there is no database", () => {
    expect(() => resolveDatabaseUrl()).toThrow(
      "DATABASE_URL is unset and no embedded database is running: start `npm run dev` or set DATABASE_URL",
    );
  });

  it("uses the URL recorded by the process that owns the embedded database", () => {
    expect(dataDir()).toBe(directory);
    recordDatabaseUrl(directory, "postgres://postgres:secret@127.0.0.1:5999/askpro");
    expect(resolveDatabaseUrl()).toBe("postgres://postgres:secret@127.0.0.1:5999/askpro");
  });

  it("prefers DATABASE_URL", () => {
    recordDatabaseUrl(directory, "postgres://recorded/askpro");
    process.env.DATABASE_URL = "postgres://from-env/askpro";
    expect(resolveDatabaseUrl()).toBe("postgres://from-env/askpro");
  });

  it("defaults the data dir to .data at the repository root", () => {
    delete process.env.ASKPRO_DATA_DIR;
    expect(dataDir()).toBe(join(import.meta.dirname, "../../..", ".data"));
  });
});
