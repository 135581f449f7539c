import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

const WORKER_DIR = join(import.meta.dirname, "../../../../apps/worker");

export interface WorkerProcess {
  child: ChildProcess;
  /** The worker's "worker ready" log line. */
  ready: Promise<{ jobs: string[] }>;
  output(): string;
  stop(): Promise<void>;
}

/** The real worker (apps/worker, tsx on its source) against the given environment. */
export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(DATABASE_URL|JOBS_DB_URL|CALCOM_|APP_SECRET|NODE_ENV|ASKPRO_)/.test(key)),
  );
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: WORKER_DIR,
    env: { ...inherited, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const ready = new Promise<{ jobs: string[] }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker not ready within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split("\n").find((text) => text.includes('"msg":"worker ready"'));
      if (line) {
        clearTimeout(timer);
        resolve(JSON.parse(line) as { jobs: string[] });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`worker exited before it was ready:\n${output}`));
    });
  });
  return {
    child,
    ready,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await exited;
    },
  };
}
