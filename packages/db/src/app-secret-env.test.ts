import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { composeEnv } from "@askpro/env";
import { afterEach, describe, expect, it } from "vitest";
import { appSecretEnv } from "./app-secret-env";

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function newDataDir(): string {
  const directory = mkdtempSync(join(tmpdir(), "askpro-secret-"));
  directories.push(directory);
  return directory;
}

function appSecretOf(source: NodeJS.ProcessEnv) {
  return composeEnv(source, (options) => appSecretEnv(options));
}

describe("appSecretEnv", () => {
  it("keeps a configured APP_SECRET and touches no data dir", () => {
    const directory = newDataDir();
    const configured = "configured-app-secret-0123456789abcdef";
    expect(appSecretOf({ APP_SECRET: configured, ASKPRO_DATA_DIR: directory })).toEqual({
      env: { NODE_ENV: "development", APP_SECRET: configured, ASKPRO_DATA_DIR: directory },
      problems: [],
    });
    expect(readdirSync(directory)).toEqual([]);
  });

  it("outside production without APP_SECRET, makes <data dir>/app-secret from 32 random bytes, readable by its owner only", () => {
    const directory = join(newDataDir(), "not-yet-there");
    const { env, problems } = appSecretOf({ ASKPRO_DATA_DIR: directory, APP_SECRET: "  " });
    expect(problems).toEqual([]);
    const file = join(directory, "app-secret");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").trim()).toBe(env.APP_SECRET);
    expect(Buffer.from(env.APP_SECRET, "base64url")).toHaveLength(32);
    expect(readdirSync(directory)).toEqual(["app-secret"]);
  });

  it("returns the same secret every time for one data dir, and another for another data dir", () => {
    const [one, two] = [newDataDir(), newDataDir()];
    const first = appSecretOf({ ASKPRO_DATA_DIR: one }).env.APP_SECRET;
    expect(appSecretOf({ ASKPRO_DATA_DIR: one, NODE_ENV: "test" }).env.APP_SECRET).toBe(first);
    expect(appSecretOf({ ASKPRO_DATA_DIR: two }).env.APP_SECRET).not.toBe(first);
  });

  it("gives processes that start together on a new data dir one secret", async () => {
    const directory = newDataDir();
    const fixture = join(import.meta.dirname, "../test/support/fixtures/print-app-secret.ts");
    const run = promisify(execFile);
    const outputs = await Promise.all(Array.from({ length: 6 }, () => run(process.execPath, ["--import", "tsx", fixture, directory])));
    const secrets = new Set(outputs.map((output) => output.stdout));
    expect(secrets).toEqual(new Set([readFileSync(join(directory, "app-secret"), "utf8").trim()]));
    expect(readdirSync(directory)).toEqual(["app-secret"]);
  });

  it("refuses production without APP_SECRET, and a short APP_SECRET anywhere, naming no value", () => {
    const directory = newDataDir();
    expect(appSecretOf({ NODE_ENV: "production", ASKPRO_DATA_DIR: directory }).problems).toEqual([
      "APP_SECRET is required in production (at least 32 characters)",
    ]);
    expect(readdirSync(directory)).toEqual([]);
    for (const NODE_ENV of ["production", "development"]) {
      expect(appSecretOf({ NODE_ENV, APP_SECRET: "short-secret", ASKPRO_DATA_DIR: directory }).problems).toEqual([
        "APP_SECRET must be at least 32 characters long",
      ]);
    }
  });

  it("says what to do when the data dir's secret is damaged", () => {
    const directory = newDataDir();
    writeFileSync(join(directory, "app-secret"), "cut\n", { mode: 0o600 });
    expect(appSecretOf({ ASKPRO_DATA_DIR: directory }).problems).toEqual([
      `APP_SECRET is unset and the development secret ${join(directory, "app-secret")} is shorter than 32 characters: remove the file to make a new one, or set APP_SECRET`,
    ]);
  });
});
