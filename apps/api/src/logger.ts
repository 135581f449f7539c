import pino, { type Logger } from "pino";
import type { Env } from "./env";

export type { Logger };

/** Session cookies and credentials must never reach a log line. */
export const REDACTED_PATHS = [
  "req.headers.cookie",
  "req.headers.authorization",
  'res.headers["set-cookie"]',
  "password",
  "*.password",
];

export function createLogger(env: Pick<Env, "LOG_LEVEL">): Logger {
  return pino({ level: env.LOG_LEVEL, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } });
}
