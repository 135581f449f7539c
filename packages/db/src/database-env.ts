import type { PresetOptions } from "@askpro/env";
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";
import { resolveDatabaseUrl } from "./database-url";

/** Where `npm run dev` keeps the embedded database's URL and the development APP_SECRET. */
export const ASKPRO_DATA_DIR = z.string().optional();

/**
 * The application database: DATABASE_URL, else the embedded PostgreSQL that `npm run dev` recorded
 * under the data dir (a problem when there is neither).
 */
export function databaseEnv(options: PresetOptions) {
  return createEnv({
    server: {
      DATABASE_URL: z
        .url({ protocol: /^postgres(ql)?$/, error: "DATABASE_URL must be a URL such as postgres://user:password@host:5432/askpro" })
        .optional(),
      ASKPRO_DATA_DIR,
    },
    createFinalSchema: (shape) =>
      z.object(shape).transform((env, ctx) => {
        try {
          return { ...env, DATABASE_URL: resolveDatabaseUrl(env) };
        } catch (error) {
          ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: (error as Error).message });
          return z.NEVER;
        }
      }),
    ...options,
  });
}
