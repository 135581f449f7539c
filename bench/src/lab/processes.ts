import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import type { SpeedWorkaround } from "@askpro/jobs";
import { SERVICE_NODE_FLAGS } from "../../../scripts/lib/node-flags";
import { bundlePath, type ProcessName } from "./bundle";
import { REPO_ROOT } from "./paths";
import { sleep, waitFor } from "./time";

export { REPO_ROOT };
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

export interface ChildApp {
  name: string;
  pid: number;
  /** From spawn to ready: what a CPU profile of it spends on starting up. */
  startupMs: number;
  /** Resident set size now, in MiB (from /proc). */
  rssMiB(): number;
  /** The end of what it wrote (stdout and stderr go to a log file). */
  logTail(lines?: number): string;
  /** SIGTERM, then waits for the exit (SIGKILL after 20 s). Resolves with the CPU profile path, if one was asked for. */
  stop(): Promise<string | undefined>;
}

export interface StartOptions {
  name: string;
  /** Which of the bundled processes to run. */
  process: ProcessName;
  env: NodeJS.ProcessEnv;
  workDir: string;
  /** Write a V8 CPU profile into workDir when the process exits. */
  cpuProfile?: boolean;
  /** Open the inspector on a free loopback port (see InspectorSession). */
  inspect?: boolean;
  /** Resolves once the process is ready to work. */
  ready(app: ChildApp): Promise<unknown>;
}

/**
 * Runs one of the bundled processes with plain Node, its output in a log file so that writing logs
 * costs what it costs in production, and nothing in this process.
 */
export async function startApp(options: StartOptions): Promise<ChildApp> {
  const logFile = join(options.workDir, `${options.name}.log`);
  // A directory per process: Node writes a profile per thread (the api's hashing thread too), and a
  // fixed --cpu-prof-name would have the last thread to exit overwrite the main thread's.
  const profileDir = join(options.workDir, `${options.name}-${Date.now()}-cpuprofile`);
  const out = openSync(logFile, "a");
  const args = [
    ...(options.cpuProfile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
    ...(options.inspect ? ["--inspect=127.0.0.1:0"] : []),
    ...SERVICE_NODE_FLAGS,
    bundlePath(options.process),
  ];
  const spawnedAt = Date.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
    stdio: ["ignore", out, out],
  });
  closeSync(out);
  const exited = new Promise<number | null>((resolveExit) => child.once("exit", (code) => resolveExit(code)));
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const logTail = (lines = 30) => (existsSync(logFile) ? readFileSync(logFile, "utf8").split("\n").slice(-lines).join("\n") : "");
  const app: ChildApp = {
    name: options.name,
    pid: child.pid ?? -1,
    startupMs: 0,
    rssMiB: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
      const kib = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
      return kib / 1024;
    },
    logTail,
    stop: async () => {
      process.off("exit", killOnExit);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      return options.cpuProfile ? mainThreadProfile(profileDir) : undefined;
    },
  };
  const early = exited.then((code) => {
    throw new Error(`${options.name} exited (code ${code}) before it was ready:\n${logTail()}`);
  });
  try {
    await Promise.race([options.ready(app), early, sleep(START_TIMEOUT_MS).then(() => Promise.reject(new Error(`${options.name} not ready in time:\n${logTail()}`)))]);
  } catch (error) {
    await app.stop();
    throw error;
  } finally {
    early.catch(() => undefined);
  }
  app.startupMs = Date.now() - spawnedAt;
  return app;
}

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no free port"))));
    });
  });
}

export interface ApiApp extends ChildApp {
  url: string;
}

/** apps/api as `npm start` runs it (bundled, LOG_LEVEL info, request logs included), on a free port. */
export async function startApi(options: {
  databaseUrl: string;
  workDir: string;
  webDist?: string;
  cpuProfile?: boolean;
  inspect?: boolean;
  env?: NodeJS.ProcessEnv;
}): Promise<ApiApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const app = await startApp({
    name: "api",
    process: "api",
    workDir: options.workDir,
    cpuProfile: options.cpuProfile,
    inspect: options.inspect,
    env: {
      DATABASE_URL: options.databaseUrl,
      PORT: String(port),
      LOG_LEVEL: "info",
      ...(options.webDist ? { WEB_DIST: options.webDist } : {}),
      ...options.env,
    },
    ready: () =>
      waitFor(
        "api /readyz",
        async () => {
          const response = await fetch(`${url}/readyz`).catch(() => undefined);
          const body = response?.ok ? ((await response.json()) as { jobStore?: string }) : undefined;
          return body?.jobStore === "ok";
        },
        START_TIMEOUT_MS,
        100,
      ),
  });
  return { ...app, url };
}

export interface WorkerOptions {
  databaseUrl: string;
  workDir: string;
  calcomUrl: string;
  calcomApiKey: string;
  cpuProfile?: boolean;
  inspect?: boolean;
  /** Set: the benchmark's worker host (procs/sync-worker.ts) with this concurrency; unset: apps/worker itself. */
  concurrency?: number;
  wakeUps?: "notify" | "poll";
  /** Speed workarounds of the jobs package the host leaves out. */
  without?: readonly SpeedWorkaround[];
  /** More variables (APP_SECRET, to read the companies' own Cal.com keys a benchmark stored). */
  env?: NodeJS.ProcessEnv;
}

/** apps/worker as shipped, or the benchmark host of its sync handler when concurrency or wake-ups vary. */
export async function startWorker(options: WorkerOptions): Promise<ChildApp> {
  const host = options.concurrency !== undefined || options.wakeUps === "poll" || (options.without?.length ?? 0) > 0;
  // The worker serves Prometheus metrics on a fixed port by default: a free one, so that a worker
  // another run left on this machine cannot stop it from starting.
  const metricsPort = await freePort();
  return startApp({
    name: host ? `worker-c${options.concurrency ?? 5}-${options.wakeUps ?? "notify"}` : "worker",
    process: host ? "sync-worker" : "worker",
    workDir: options.workDir,
    cpuProfile: options.cpuProfile,
    inspect: options.inspect,
    env: {
      DATABASE_URL: options.databaseUrl,
      CALCOM_API_URL: options.calcomUrl,
      CALCOM_API_KEY: options.calcomApiKey,
      LOG_LEVEL: "info",
      METRICS_PORT: String(metricsPort),
      ...(options.concurrency !== undefined ? { BENCH_CONCURRENCY: String(options.concurrency) } : {}),
      ...(options.wakeUps ? { BENCH_WAKE_UPS: options.wakeUps } : {}),
      ...(options.without?.length ? { BENCH_WITHOUT: options.without.join(",") } : {}),
      ...options.env,
    },
    ready: (app) => waitFor(`${app.name} ready`, async () => /worker ready|^ready$/m.test(app.logTail(200)), START_TIMEOUT_MS, 100),
  });
}

/** The main thread's profile among a process's: Node names each CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile, the main thread's id being 0. */
function mainThreadProfile(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  const name = readdirSync(dir).find((file) => /\.\d+\.0\.\d+\.cpuprofile$/.test(file));
  return name === undefined ? undefined : join(dir, name);
}
