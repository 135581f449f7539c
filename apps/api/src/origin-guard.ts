import type { Request, RequestHandler } from "express";
import { trpcErrorAnswer } from "./trpc-error-body";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** Sec-Fetch-Site values of a request the api's own pages (or the user, typing a URL) made. */
const FIRST_PARTY_FETCH_SITES = new Set(["same-origin", "none"]);

export const CROSS_ORIGIN_REFUSED = "Cross-origin request refused.";

export interface OriginGuardOptions {
  /** Exact origins allowed besides the api's own (APP_ORIGIN). */
  allowedOrigins: readonly string[];
}

/**
 * CSRF defence for state-changing requests (tRPC mutations are POSTs): the browser's Origin (or,
 * without one, the Referer's origin) must be the api's own host or an allowed origin. A request with
 * neither header comes from no browser page and carries no victim's cookies, unless Sec-Fetch-Site
 * says a browser sent it from elsewhere. SameSite=Lax session cookies are the second layer.
 */
export function originGuard({ allowedOrigins }: OriginGuardOptions): RequestHandler {
  const allowed = new Set(allowedOrigins);
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method)) {
      next();
      return;
    }
    const origin = requestOrigin(req);
    if (isTrusted(origin, req, allowed)) {
      next();
      return;
    }
    const paths = procedurePaths(req);
    req.log.warn(
      { event: "cross-origin-refused", method: req.method, url: req.originalUrl, origin: origin ?? null, secFetchSite: req.headers["sec-fetch-site"] ?? null },
      "Cross-origin request refused",
    );
    // Shaped as tRPC's own FORBIDDEN, so clients read the refusal like any other tRPC error.
    const { status, body } = trpcErrorAnswer("FORBIDDEN", CROSS_ORIGIN_REFUSED, paths, req.query.batch === "1");
    res.status(status).type("application/json").send(body);
  };
}

/** The Origin header, else the origin of the Referer; undefined when the request has neither. */
function requestOrigin(req: Request): string | undefined {
  if (req.headers.origin !== undefined) return req.headers.origin;
  const referer = req.headers.referer;
  if (referer === undefined) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return "invalid referer";
  }
}

function isTrusted(origin: string | undefined, req: Request, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined) {
    const fetchSite = req.headers["sec-fetch-site"];
    return fetchSite === undefined || FIRST_PARTY_FETCH_SITES.has(String(fetchSite));
  }
  if (allowed.has(origin)) return true;
  let host: string;
  try {
    // "null" (sandboxed frames, file: pages) and junk are not URLs: refused.
    host = new URL(origin).host;
  } catch {
    return false;
  }
  return host !== "" && host === req.headers.host?.toLowerCase();
}

/** "service.create" from /service.create, or every path of a batch (/a.b,c.d?batch=1). */
function procedurePaths(req: Request): string[] {
  return req.path.replace(/^\//, "").split(",");
}
