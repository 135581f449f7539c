import type { PresetOptions } from "@askpro/env";
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";
import { jobsStoreFor } from "./store";

/** Where the jobs live: a MongoDB URL, or unset for the application's PostgreSQL. */
export function jobsEnv(options: PresetOptions) {
  return createEnv({
    server: {
      JOBS_DB_URL: z
        .string()
        .refine(isSupportedJobsStore, "JOBS_DB_URL must be a mongodb:// or mongodb+srv:// URL, or unset to keep jobs in PostgreSQL")
        .optional(),
    },
    ...options,
  });
}

function isSupportedJobsStore(url: string): boolean {
  try {
    jobsStoreFor(url);
    return true;
  } catch {
    return false;
  }
}
