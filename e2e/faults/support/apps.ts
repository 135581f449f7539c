import { createServer } from "node:net";
import { type AppProcess, spawnApp } from "./processes";
import { eventually } from "./wait";

/** Long enough for tsx to compile the app on a busy 2-core machine. */
const START_TIMEOUT_MS = 60_000;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

export interface RunningApi {
  process: AppProcess;
  url: string;
}

/** The api on a free port, once /readyz says it is ready. */
export async function startApi(env: Record<string, string>): Promise<RunningApi> {
  const port = await freePort();
  const api = spawnApp("api", { PORT: String(port), ...env });
  const url = `http://127.0.0.1:${port}`;
  try {
    await eventually(
      `${api.name} to be ready`,
      async () => {
        if (!api.isRunning()) throw new Error(`${api.name} exited while starting:\n${api.output()}`);
        const response = await fetch(`${url}/readyz`).catch(() => undefined);
        return response?.status === 200;
      },
      START_TIMEOUT_MS,
      200,
    );
  } catch (error) {
    await api.kill();
    throw error;
  }
  return { process: api, url };
}

/** A worker, once it says it is ready (its jobs defined and Agenda started). */
export async function startWorker(env: Record<string, string>): Promise<AppProcess> {
  const worker = spawnApp("worker", env);
  try {
    await worker.waitForOutput(/"msg":"worker ready"/, START_TIMEOUT_MS);
  } catch (error) {
    await worker.kill();
    throw error;
  }
  return worker;
}

/**
 * The api and a worker, started side by side. Waits for both even when one fails, so that the other
 * is stopped instead of outliving the test, then throws the failure.
 */
export async function startApiAndWorker(apiEnv: Record<string, string>, workerEnv: Record<string, string>): Promise<{ api: RunningApi; worker: AppProcess }> {
  const [api, worker] = await Promise.allSettled([startApi(apiEnv), startWorker(workerEnv)]);
  if (api.status === "fulfilled" && worker.status === "fulfilled") return { api: api.value, worker: worker.value };
  if (api.status === "fulfilled") await api.value.process.stop();
  if (worker.status === "fulfilled") await worker.value.stop();
  throw api.status === "rejected" ? api.reason : (worker as PromiseRejectedResult).reason;
}
