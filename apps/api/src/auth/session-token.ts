import { createHash, randomBytes } from "node:crypto";

export const SESSION_COOKIE = "askpro_session";
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, so reads do not each cost a write. */
export const LAST_SEEN_RESOLUTION_MS = 60 * 1000;

export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Only this digest is stored: the table alone cannot be turned into working cookies. */
export function sessionIdFor(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
