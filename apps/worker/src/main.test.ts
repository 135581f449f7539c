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

async function heartbeatRows(databaseUrl: string): Promise<{ worker_id: string; pid: number; metrics_url: string | null }[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query("SELECT worker_id, pid, metrics_url FROM worker_heartbeats")).rows;
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

/** A port nothing listens on, whose next port is free too. */
async function freePortPair(): Promise<number> {
  for (;;) {
    const port = await freePort();
    const next = createServer();
    const free = await new Promise<boolean>((resolve) => {
      next.once("error", () => resolve(false));
      next.listen(port + 1, "127.0.0.1", () => resolve(true));
    });
    if (free) {
      await new Promise((resolve) => next.close(resolve));
      return port;
    }
  }
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

it("runs a second worker on the same host with the same METRICS_PORT: it serves its metrics on the next free port, and each beat says where", async () => {
  const database: TestOrm = await createTestOrm();
  cleanups.push(() => database.close());
  const port = await freePortPair();
  const env = { DATABASE_URL: database.url, NODE_ENV: "production", METRICS_PORT: String(port), ...SECRETS };
  const first = spawnWorker(env);
  cleanups.push(() => {
    first.child.kill("SIGKILL");
  });
  expect(await untilLogged(first, "metrics served")).toMatchObject({ url: `http://127.0.0.1:${port}/metrics` });
  const second = spawnWorker(env);
  cleanups.push(() => {
    second.child.kill("SIGKILL");
  });

  await untilLogged(second, "worker ready");
  expect(await untilLogged(second, "metrics served")).toMatchObject({ url: `http://127.0.0.1:${port + 1}/metrics` });
  expect(await untilLogged(second, `metrics port ${port} is taken (another worker on this host?): serving on ${port + 1}`)).toMatchObject({
    requestedPort: port,
    port: port + 1,
  });
  for (const url of [`http://127.0.0.1:${port}/metrics`, `http://127.0.0.1:${port + 1}/metrics`]) {
    expect(await (await fetch(url)).text()).toContain("askpro_sync_jobs_total");
  }
  expect(await heartbeatRows(database.url)).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ pid: first.child.pid, metrics_url: `http://127.0.0.1:${port}/metrics` }),
      expect.objectContaining({ pid: second.child.pid, metrics_url: `http://127.0.0.1:${port + 1}/metrics` }),
    ]),
  );
  second.child.kill("SIGTERM");
  first.child.kill("SIGTERM");
  expect(await Promise.all([first.exited, second.exited])).toEqual([
    { code: 0, signal: null },
    { code: 0, signal: null },
  ]);
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
