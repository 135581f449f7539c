import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded";

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

function startInChildProcess(dataDir: string): Promise<{ url: string; kill(): Promise<void> }> {
  const fixture = join(import.meta.dirname, "../test/support/fixtures/start-embedded.ts");
  const child = spawn(process.execPath, ["--import", "tsx", fixture, dataDir], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      const match = /^ready (\S+)/m.exec(chunk.toString());
      if (match?.[1]) resolve({ url: match[1], kill });
    });
    const exited = new Promise<void>((done) => child.once("exit", () => done()));
    const kill = async () => {
      child.kill("SIGKILL");
      await exited;
    };
    void exited.then(() => reject(new Error("fixture exited before it was ready")));
  });
}

describe("startEmbeddedPostgres", () => {
  // mkdtemp makes it 0700, as the e2e stack's data dir: the postgres user must still get in.
  const directory = join(mkdtempSync(join(tmpdir(), "askpro-embedded-test-")), "postgres");
  afterAll(() => rmSync(dirname(directory), { recursive: true, force: true }));

  it("keeps data across restarts and ignores a postmaster.pid naming an unrelated live process", async () => {
    const first = await startEmbeddedPostgres({ dataDir: directory, ephemeral: true });
    await query(first.url, "CREATE TABLE kept (value text)");
    await query(first.url, "INSERT INTO kept VALUES ('still here')");
    await first.stop();
    expect(existsSync(join(directory, "cluster", "postmaster.pid"))).toBe(false);

    // After a container restart the pid in a leftover lock file often belongs to another process.
    writeFileSync(join(directory, "cluster", "postmaster.pid"), `1\n${join(directory, "cluster")}\n`);
    const second = await startEmbeddedPostgres({ dataDir: directory, ephemeral: true });
    try {
      expect(await query(second.url, "SELECT value FROM kept")).toEqual([{ value: "still here" }]);
    } finally {
      await second.stop();
    }
  });

  it("starts again after its owner was killed, stopping the orphaned server", async () => {
    const crashed = await startInChildProcess(directory);
    await crashed.kill();
    const restarted = await startEmbeddedPostgres({ dataDir: directory, ephemeral: true });
    try {
      expect(restarted.url).not.toBe(crashed.url);
      expect(await query(restarted.url, "SELECT value FROM kept")).toEqual([{ value: "still here" }]);
      await expect(query(crashed.url, "SELECT 1")).rejects.toThrow();
    } finally {
      await restarted.stop();
    }
  });
});
