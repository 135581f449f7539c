import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { RequestHandler } from "express";
import type { Registry } from "prom-client";

/** Headers a proxy adds: a request carrying one did not come straight from this machine. */
const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-real-ip"];

export type MetricsAccess = "allowed" | "unauthorized" | "forbidden";

export interface MetricsRequest {
  headers: IncomingHttpHeaders;
  /** The TCP peer, never an address a header claims (req.socket.remoteAddress). */
  remoteAddress: string | undefined;
}

/**
 * Who may scrape /metrics. With METRICS_TOKEN set: whoever sends `Authorization: Bearer <token>`,
 * from anywhere. Without it: only a direct connection from this machine; a forwarded request is
 * refused even from a proxy on this machine, so a reverse proxy does not publish the endpoint.
 */
export function metricsAccess(request: MetricsRequest, token: string | undefined): MetricsAccess {
  if (token !== undefined) {
    const presented = /^Bearer (.+)$/i.exec(request.headers.authorization ?? "")?.[1]?.trim();
    return presented !== undefined && sameSecret(presented, token) ? "allowed" : "unauthorized";
  }
  const local = isLoopback(request.remoteAddress ?? "") && !FORWARDING_HEADERS.some((name) => request.headers[name] !== undefined);
  return local ? "allowed" : "forbidden";
}

function isLoopback(address: string): boolean {
  return address === "::1" || /^(::ffff:)?127\./.test(address);
}

/** Compared as digests: equal lengths for timingSafeEqual, and no early exit that times the match. */
function sameSecret(presented: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(presented), digest(expected));
}

/** GET /metrics: the registry in Prometheus' text format, for those metricsAccess allows. */
export function metricsEndpoint({ registry, token }: { registry: Registry; token: string | undefined }): RequestHandler {
  return async (req, res) => {
    const access = metricsAccess({ headers: req.headers, remoteAddress: req.socket.remoteAddress }, token);
    if (access === "unauthorized") {
      res.set("WWW-Authenticate", 'Bearer realm="metrics"').status(401).type("text/plain").send("Unauthorized\n");
      return;
    }
    if (access === "forbidden") {
      res.status(403).type("text/plain").send("Forbidden: /metrics answers requests from this machine only, unless METRICS_TOKEN is set\n");
      return;
    }
    res.set("Content-Type", registry.contentType).send(await registry.metrics());
  };
}
