import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";

export interface MetricsServer {
  /** e.g. http://127.0.0.1:9464/metrics */
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Ports tried from METRICS_PORT on: the first free one is served, so several workers on one host each
 * serve their metrics (9464, 9465, ...) and Prometheus scrapes the range as static targets.
 */
export const METRICS_PORT_ATTEMPTS = 10;

const ADDRESS_IN_USE = "EADDRINUSE";

/**
 * startMetricsServer on `port`, or when another process holds it (a second worker on the host), on the
 * next free one of METRICS_PORT_ATTEMPTS. Rejects with the last error when none is free, or at once on
 * any other error (an address this host does not have).
 */
export async function startMetricsServerOnFreePort(options: { registry: Registry; host: string; port: number; attempts?: number }): Promise<MetricsServer> {
  const attempts = options.attempts ?? METRICS_PORT_ATTEMPTS;
  for (let offset = 0; ; offset++) {
    const port = options.port + offset;
    try {
      return await startMetricsServer({ ...options, port });
    } catch (error) {
      const taken = (error as { code?: string }).code === ADDRESS_IN_USE;
      if (!taken || offset + 1 >= attempts || port >= 65_535) throw error;
    }
  }
}

/** Serves the registry at GET /metrics in Prometheus' text format; nothing else. Rejects when it cannot listen. */
export async function startMetricsServer(options: { registry: Registry; host: string; port: number }): Promise<MetricsServer> {
  const { registry } = options;
  const server = createServer((req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== "/metrics" || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404, { "content-type": "text/plain" }).end("Not found\n");
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { "content-type": registry.contentType }).end(req.method === "HEAD" ? undefined : text),
      () => res.writeHead(500, { "content-type": "text/plain" }).end("Metrics could not be collected\n"),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { address, family, port } = server.address() as AddressInfo;
  const host = family === "IPv6" ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}/metrics`,
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
