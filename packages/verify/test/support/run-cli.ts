import { spawn } from "node:child_process";
import { join } from "node:path";

const VERIFY_DIR = join(import.meta.dirname, "../..");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run verify -- <args>` as CI runs it (tsx on the source), configured by `env` only. */
export function runCli(args: string[], env: Record<string, string>): Promise<CliRun> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(DATABASE_URL|JOBS_DB_URL|CALCOM_|APP_SECRET|NODE_ENV|ASKPRO_)/.test(key)),
  );
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts", ...args], {
    cwd: VERIFY_DIR,
    env: { ...inherited, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}
