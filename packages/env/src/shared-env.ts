import { z } from "zod";

/**
 * Variables more than one package reads. Each is one schema, used as is by every preset that
 * declares it, so they all apply the same rule and give the same message.
 */
export const NODE_ENV = z
  .enum(["development", "test", "production"], "NODE_ENV must be development, test or production")
  .default("development");

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** pino's levels; the api and the worker both log through pino. */
export const LOG_LEVEL = z.enum(LOG_LEVELS, `LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`).default("info");
