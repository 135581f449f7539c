import type { Request, RequestHandler } from "express";
import { type ApiMetrics, PROCEDURE_OK } from "./api-metrics";

/** A path that is no procedure of the router: one label for all, so made-up paths add no series. */
export const UNKNOWN_PROCEDURE = "unknown";
/** An error tRPC reports without a path concerns every procedure of the request (e.g. an oversized body). */
const WHOLE_REQUEST = "";

export interface TrpcMetrics {
  /** Mounted on /trpc ahead of tRPC: counts and times every procedure of a request once it is answered. */
  middleware: RequestHandler;
  /** Called from tRPC's onError, so that the procedure is counted under its error code. */
  failed(req: Request, path: string | undefined, code: string): void;
}

export function createTrpcMetrics(metrics: ApiMetrics, procedures: Iterable<string>): TrpcMetrics {
  const known = new Set(procedures);
  const failures = new WeakMap<Request, Map<string, string>>();
  return {
    middleware: (req, res, next) => {
      const startedAt = performance.now();
      // Read now: Express rewrites req.url while the request passes through mounted middleware.
      const paths = req.path.replace(/^\//, "").split(",");
      res.once("finish", () => {
        const seconds = (performance.now() - startedAt) / 1000;
        const codes = failures.get(req);
        for (const path of paths) {
          const code = codes?.get(path) ?? codes?.get(WHOLE_REQUEST) ?? PROCEDURE_OK;
          metrics.procedureCalled(known.has(path) ? path : UNKNOWN_PROCEDURE, code, seconds);
        }
      });
      next();
    },
    failed: (req, path, code) => {
      const codes = failures.get(req) ?? new Map<string, string>();
      codes.set(path ?? WHOLE_REQUEST, code);
      failures.set(req, codes);
    },
  };
}
