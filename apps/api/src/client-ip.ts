import type { Request } from "express";

/** The client's address as Express reads it (behind a proxy: as TRUST_PROXY lets it); sign-ins are throttled per address. */
export function clientIpOf(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}
