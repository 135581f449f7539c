import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { openLoop } from "./open-loop";

let server: Server | undefined;

async function serve(handler: (path: string) => { status: number; delayMs: number }): Promise<{ url: string; arrivals: number[] }> {
  const arrivals: number[] = [];
  server = createServer((req, res) => {
    arrivals.push(performance.now());
    const { status, delayMs } = handler(req.url ?? "");
    setTimeout(() => res.writeHead(status).end("{}"), delayMs);
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, arrivals };
}

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe("openLoop", () => {
  it("spreads the requests over the whole run instead of sending them at once", async () => {
    const { url, arrivals } = await serve(() => ({ status: 200, delayMs: 0 }));
    const result = await openLoop({ url, path: "/x", headers: {}, rate: 100, seconds: 1, connections: 10 });
    expect(result.latencies).toHaveLength(100);
    expect(result.failures).toBe(0);
    // Due at 0, 10, ..., 990 ms: a late timer can only stretch the span.
    expect((arrivals.at(-1) as number) - (arrivals[0] as number)).toBeGreaterThanOrEqual(900);
  });

  it("counts latency from the moment a request was due, so waiting for a busy connection shows", async () => {
    const { url } = await serve(() => ({ status: 200, delayMs: 40 }));
    // One connection, a request due every 10 ms, each answered after 40 ms: each waits longer than the last.
    const result = await openLoop({ url, path: "/x", headers: {}, rate: 100, seconds: 0.2, connections: 1 });
    expect(result.latencies).toHaveLength(20);
    expect(Math.min(...result.latencies)).toBeGreaterThanOrEqual(40);
    expect(Math.max(...result.latencies)).toBeGreaterThan(20 * 40 - 200);
  });

  it("counts answers other than 2xx as failures", async () => {
    const { url } = await serve(() => ({ status: 500, delayMs: 0 }));
    const result = await openLoop({ url, path: "/x", headers: {}, rate: 50, seconds: 0.2, connections: 2 });
    expect(result.failures).toBe(10);
    expect(result.latencies).toHaveLength(0);
  });
});
