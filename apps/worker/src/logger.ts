import { pino } from "pino";
import type { WorkerEnv } from "./env";

export type Logger = pino.Logger;

/** JSON lines on stdout. Keys that could carry a secret are censored wherever they appear. */
export function createLogger(level: WorkerEnv["LOG_LEVEL"]): Logger {
  return pino({
    name: "worker",
    level,
    redact: {
      paths: ["apiKey", "*.apiKey", "authorization", "*.authorization", "headers.authorization", "*.headers.authorization"],
      censor: "[redacted]",
    },
  });
}
