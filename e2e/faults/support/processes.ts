import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { eventually } from "./wait";

const ROOT = join(import.meta.dirname, "../../..");
const ENTRIES = { api: "apps/api/src/main.ts", worker: "apps/worker/src/main.ts" } as const;

/** Settings of ours that must come from the test only, never from the shell that started it. */
const OWN_SETTINGS = /^(DATABASE_URL|JOBS_DB_URL|CALCOM_|APP_SECRET|NODE_ENV|ASKPRO_|JOBS_|RECONCILE_|PORT$|WEB_DIST$|LOG_LEVEL$|DEBUG$)/;

export interface AppProcess {
  readonly name: string;
  readonly pid: number;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  isRunning(): boolean;
  /** Waits until its output matches, failing early (with the output) when it exits first. */
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<void>;
  /** SIGKILL, as the kernel's OOM killer or a lost node does it; resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM (a clean stop), SIGKILL after the grace period. */
  stop(graceMs?: number): Promise<void>;
}

/** The api or the worker as scripts/stack.ts runs it in e2e mode: tsx on the source, configured by its environment only. */
export function spawnApp(app: keyof typeof ENTRIES, env: Record<string, string>): AppProcess {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !OWN_SETTINGS.test(key)));
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", ENTRIES[app]], {
    cwd: ROOT,
    env: { ...inherited, NODE_ENV: "test", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (child.pid === undefined) throw new Error(`${app} could not be started`);
  let text = "";
  const collect = (chunk: Buffer) => {
    text += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  let running = true;
  void exited.then(() => {
    running = false;
  });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  void exited.then(() => process.off("exit", killOnExit));

  const proc: AppProcess = {
    name: `${app} (pid ${child.pid})`,
    pid: child.pid,
    output: () => text,
    exited,
    isRunning: () => running,
    async waitForOutput(pattern, timeoutMs = 30_000) {
      await eventually(
        `${proc.name} to print ${pattern}`,
        () => {
          if (pattern.test(text)) return true;
          if (!running) throw new Error(`${proc.name} exited before printing ${pattern}:\n${text}`);
          return false;
        },
        timeoutMs,
      );
    },
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
    async stop(graceMs = 10_000) {
      if (!running) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
  return proc;
}
