import type { RequestHandler } from "express";
import type { Logger } from "./logger";

declare module "http" {
  interface IncomingMessage {
    /** The request's logger: every line it writes carries the request's reqId. */
    log: Logger;
  }
}

export interface RequestLogOptions {
  /** Paths polled by machines, not worth a line per request (they still get req.log). */
  ignore: (path: string) => boolean;
}

/**
 * One short line per request: reqId, method, path, status and responseTime (ms). No headers: serializing
 * and redacting every request's and response's headers cost several percent of the api's CPU, and
 * leaving them out keeps cookies and authorization out of the log in the first place. The path only,
 * no query string: tRPC queries carry their input there, which holds whatever a user typed.
 */
export function requestLog(logger: Logger, { ignore }: RequestLogOptions): RequestHandler {
  let lastId = 0;
  return (req, res, next) => {
    const log = logger.child({ reqId: ++lastId });
    req.log = log;
    // Captured now: routers mounted on a prefix rewrite req.url while they run.
    const path = req.path;
    if (ignore(path)) {
      next();
      return;
    }
    const started = performance.now();
    const done = () => {
      res.off("finish", done);
      res.off("close", done);
      const line = { method: req.method, path, status: res.statusCode, responseTime: Math.round(performance.now() - started) };
      if (!res.writableFinished) log.info({ ...line, aborted: true }, "request aborted");
      else if (res.statusCode >= 500) log.error(line, "request failed");
      else log.info(line, "request completed");
    };
    res.on("finish", done);
    res.on("close", done);
    next();
  };
}
