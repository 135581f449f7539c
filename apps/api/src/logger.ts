import pino, { type Logger } from "pino";
import type { Env } from "./env";

export type { Logger };

/**
 * Session cookies and credentials must never reach a log line: request and response headers that
 * carry them, passwords and Cal.com API keys wherever a log call or an error's input puts them.
 */
export const REDACTED_PATHS = [
  "req.headers.cookie",
  "req.headers.authorization",
  'res.headers["set-cookie"]',
  "*.headers.cookie",
  "*.headers.authorization",
  "cookie",
  "authorization",
  "password",
  "*.password",
  "*.*.password",
  "apiKey",
  "*.apiKey",
  "*.*.apiKey",
  "calcomApiKey",
  "*.calcomApiKey",
  "calcomApiKeyEncrypted",
  "*.calcomApiKeyEncrypted",
];

export function createLogger(env: Pick<Env, "LOG_LEVEL">): Logger {
  return pino({ level: env.LOG_LEVEL, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } });
}
