import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// `npx turbo dev` as a developer types it, on a throw-away data dir and free ports: the whole stack
// of `npm run dev` comes up, a worker killed with SIGKILL is restarted and says so, and Ctrl+C stops it all.
const root = resolve(import.meta.dirname, "..");

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await Promise.resolve(probe()).catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Pids of the worker processes that said they are ready, in order. */
function readyWorkers(output: string): number[] {
  return [...output.matchAll(/\[worker\].*"pid":(\d+).*"msg":"worker ready"/g)].map((match) => Number(match[1]));
}

describe("npx turbo dev", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "askpro-turbo-dev-"));
  let stack: ChildProcess;
  let output = "";
  let ports: { api: number; web: number; sandbox: number };

  beforeAll(async () => {
    ports = { api: await freePort(), web: await freePort(), sandbox: await freePort() };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ASKPRO_DATA_DIR: dataDir,
      PORT: String(ports.api),
      WEB_PORT: String(ports.web),
      CALCOM_SANDBOX_PORT: String(ports.sandbox),
      METRICS_PORT: "0",
      LOG_LEVEL: "info",
    };
    // The embedded database and the Cal.com sandbox, whatever the machine running the tests points at.
    for (const name of ["DATABASE_URL", "CALCOM_API_KEY", "CALCOM_API_URL", "JOBS_DB_URL", "NODE_ENV"]) delete env[name];
    // Its own process group, so the test can do what Ctrl+C does: signal the whole group.
    stack = spawn("npx", ["turbo", "dev"], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    for (const stream of [stack.stdout, stack.stderr]) stream?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  });

  afterAll(async () => {
    if (stack.exitCode === null && stack.signalCode === null) {
      process.kill(-(stack.pid as number), "SIGKILL");
      await once(stack, "exit");
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("brings up the api (ready, with a live worker) and the web app", async () => {
    const readyz = await until(
      "the api's /readyz with a live worker",
      async () => {
        const body = (await (await fetch(`http://127.0.0.1:${ports.api}/readyz`)).json()) as { worker?: string };
        return body.worker === "ok" ? body : undefined;
      },
      150_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${output.slice(-4000)}`);
    });
    expect(readyz).toEqual({ status: "ok", database: "ok", jobStore: "ok", worker: "ok" });
    const web = await fetch(`http://127.0.0.1:${ports.web}/`);
    expect(web.status).toBe(200);
    expect(await web.text()).toContain('<div id="root"></div>');
    // Through Vite's proxy, as the browser reaches the api.
    expect((await fetch(`http://127.0.0.1:${ports.web}/readyz`)).status).toBe(200);
  }, 180_000);

  it("restarts a worker killed with SIGKILL, saying so", async () => {
    // The newest worker: a change to the sources while the stack runs restarts it on purpose.
    const killed = await until(
      "a worker killed",
      () => {
        const pid = readyWorkers(output).at(-1);
        if (pid === undefined) return undefined;
        try {
          process.kill(pid, "SIGKILL");
          return pid;
        } catch {
          return undefined;
        }
      },
      30_000,
    );
    await until("the restart line", () => (output.includes("worker exited (signal SIGKILL); restarting in 1 s") ? true : undefined), 10_000);
    const restarted = await until("a new worker", () => readyWorkers(output).slice(readyWorkers(output).lastIndexOf(killed) + 1)[0], 60_000);
    expect(restarted).not.toBe(killed);
  }, 90_000);

  it("stops everything on Ctrl+C", async () => {
    process.kill(-(stack.pid as number), "SIGINT");
    // npx itself dies of the SIGINT, as in a terminal; what matters is that everything it started stops.
    await until("npx to exit", () => (stack.exitCode !== null || stack.signalCode !== null ? true : undefined), 10_000);
    for (const port of [ports.api, ports.web, ports.sandbox]) {
      await until(`port ${port} closed`, () => fetch(`http://127.0.0.1:${port}/`).then(() => undefined, () => true), 30_000);
    }
    await until("PostgreSQL stopped", () => (existsSync(join(dataDir, "postgres", "cluster", "postmaster.pid")) ? undefined : true), 30_000);
    await until("turbo and the stack script to exit", () => (output.includes("Tasks:") ? true : undefined), 30_000);
  }, 120_000);
});
