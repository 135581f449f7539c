import type { PresetOptions } from "@askpro/env";
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";
import { DEFAULT_CALCOM_BASE_URL } from "./client";

/** The Cal.com the client talks to, and the global key of companies without their own. */
export function calcomEnv(options: PresetOptions) {
  return createEnv({
    server: {
      CALCOM_API_URL: z
        .url({ protocol: /^https?$/, error: "CALCOM_API_URL must be an http(s) URL such as https://api.cal.com" })
        .default(DEFAULT_CALCOM_BASE_URL),
      CALCOM_API_KEY: z.string().regex(/^cal_/, "CALCOM_API_KEY must be a Cal.com API key (cal_... or cal_live_...)").optional(),
    },
    ...options,
  });
}
