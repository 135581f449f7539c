import { NODE_ENV, type PresetOptions } from "@askpro/env";
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";
import { developmentAppSecret } from "./app-secret-file";
import { ASKPRO_DATA_DIR } from "./database-env";
import { dataDir } from "./database-url";

/**
 * APP_SECRET, which derives the key of the secrets at rest (./secrets.ts): at least 32 characters;
 * required in production; elsewhere, when unset, the random secret of the data dir.
 */
export function appSecretEnv(options: PresetOptions) {
  return createEnv({
    server: {
      NODE_ENV,
      APP_SECRET: z.string().min(32, "APP_SECRET must be at least 32 characters long").optional(),
      ASKPRO_DATA_DIR,
    },
    createFinalSchema: (shape) =>
      z.object(shape).transform((env, ctx) => {
        if (env.APP_SECRET) return { ...env, APP_SECRET: env.APP_SECRET };
        if (env.NODE_ENV === "production") {
          ctx.addIssue({ code: "custom", path: ["APP_SECRET"], message: "APP_SECRET is required in production (at least 32 characters)" });
          return z.NEVER;
        }
        try {
          return { ...env, APP_SECRET: developmentAppSecret(dataDir(env)) };
        } catch (error) {
          ctx.addIssue({ code: "custom", path: ["APP_SECRET"], message: (error as Error).message });
          return z.NEVER;
        }
      }),
    ...options,
  });
}
