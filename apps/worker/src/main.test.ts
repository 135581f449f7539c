import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestOrm, type TestOrm } from "@askpro/db/testing";
import { startTestMongo, type TestMongo } from "@askpro/jobs/testing";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";

const WORKER_DIR = join(import.meta.dirname, "..");
const SECRETS = { CALCOM_API_KEY: "cal_test_do_not_print_me", APP_SECRET: "app-secret-do-not-print-me-0123456789" };

interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The worker as operators run it in development: tsx on the source, configured by its environment only. */
function spawnWorker(env: Record<string, string>): WorkerProcess {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(DATABASE_URL|JOBS_DB_URL|CALCOM_|APP_SECRET|NODE_ENV|ASKPRO_)/.test(key)),
  );
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: WORKER_DIR,
    env: { ...inherited, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => output, exited };
}

async function untilLogged(worker: WorkerProcess, message: string, timeoutMs = 20_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const line = worker
      .output()
      .split("\n")
      .filter((text) => text.startsWith("{"))
      .map((text) => JSON.parse(text) as Record<string, unknown>)
      .find((entry) => entry.msg === message);
    if (line) return line;
    if (worker.child.exitCode !== null) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`worker did not log "${message}". Output:\n${worker.output()}`);
}

async function heartbeatRows(databaseUrl: string): Promise<{ worker_id: string; pid: number }[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query("SELECT worker_id, pid FROM worker_heartbeats")).rows;
  } finally {
    await client.end();
  }
}

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.each(["postgres", "mongodb"] as const)("the worker process with jobs in %s", (store) => {
  it("starts, beats, serves its metrics, and on SIGTERM stops cleanly within seconds, printing no secret", async () => {
    const database: TestOrm = await createTestOrm();
    cleanups.push(() => database.close());
    let mongo: TestMongo | undefined;
    if (store === "mongodb") {
      mongo = await startTestMongo();
      cleanups.push(() => mongo?.stop());
    }
    const worker = spawnWorker({
      DATABASE_URL: database.url,
      ...(mongo ? { JOBS_DB_URL: mongo.url } : {}),
      NODE_ENV: "production",
      METRICS_PORT: String(await freePort()),
      ...SECRETS,
    });
    cleanups.push(() => {
      worker.child.kill("SIGKILL");
    });

    const ready = await untilLogged(worker, "worker ready");
    expect(ready.jobsBackend).toMatch(store === "mongodb" ? /^MongoDB \(mongodb:\/\/127\.0\.0\.1:\d+\/askpro_test_/ : /^PostgreSQL/);
    expect(await heartbeatRows(database.url)).toEqual([expect.objectContaining({ pid: worker.child.pid })]);
    const { url } = (await untilLogged(worker, "metrics served")) as { url: string };
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const metrics = await (await fetch(url)).text();
    expect(metrics).toContain('askpro_sync_jobs_total{outcome="succeeded"} 0');
    for (const secret of Object.values(SECRETS)) expect(metrics).not.toContain(secret);

    const signalledAt = Date.now();
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(5_000);
    expect(await untilLogged(worker, "worker stopped")).toMatchObject({ timedOut: false, running: 0 });
    expect(await heartbeatRows(database.url)).toEqual([]);
    for (const secret of Object.values(SECRETS)) expect(worker.output()).not.toContain(secret);
  });
});

it("refuses to start on a bad environment, one line per problem and no values", async () => {
  const emptyDataDir = mkdtempSync(join(tmpdir(), "askpro-worker-env-"));
  cleanups.push(() => rmSync(emptyDataDir, { recursive: true, force: true }));
  const worker = spawnWorker({
    ASKPRO_DATA_DIR: emptyDataDir,
    NODE_ENV: "production",
    JOBS_DB_URL: "redis://jobs:hunter2@cache:6379",
    CALCOM_API_URL: "not a url",
    METRICS_PORT: "70000",
  });

  expect(await worker.exited).toEqual({ code: 1, signal: null });
  const lines = worker.output().trim().split("\n");
  expect(lines).toEqual([
    expect.stringMatching(/^worker: DATABASE_URL is unset and no embedded database is running/),
    expect.stringMatching(/^worker: JOBS_DB_URL must be a mongodb:\/\//),
    "worker: CALCOM_API_URL must be an http(s) URL such as https://api.cal.com",
    "worker: APP_SECRET is required in production (at least 32 characters)",
    "worker: METRICS_PORT must be at most 65535",
  ]);
  expect(worker.output()).not.toContain("hunter2");
});
