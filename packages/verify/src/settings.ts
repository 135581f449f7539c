import { DEFAULT_CALCOM_BASE_URL } from "@askpro/calcom";
import { calcomEnv } from "@askpro/calcom/env";
import { appSecretEnv, databaseEnv } from "@askpro/db/env";
import { composeEnv, NODE_ENV, type PresetOptions } from "@askpro/env";
import { jobsEnv } from "@askpro/jobs/env";
import { createEnv } from "@t3-oss/env-core";
import { z } from "zod";

/**
 * The api's and the worker's environment, judged by the same presets they compose (each package's
 * own rules), so verify rejects exactly what they would refuse to start with. Each preset is judged
 * on its own: one bad variable leaves the other packages' settings usable.
 */
function composeSettingsEnv(options: PresetOptions) {
  return createEnv({
    extends: [
      databaseEnv(options),
      jobsEnv(options),
      calcomEnv(options),
      appSecretEnv(options),
      createEnv({
        server: {
          // Again here, by the same rule: NODE_ENV is still known when APP_SECRET's preset fails.
          NODE_ENV,
          CALCOM_SANDBOX_PORT: z.coerce
            .number({ error: "CALCOM_SANDBOX_PORT must be a port number" })
            .int("CALCOM_SANDBOX_PORT must be a port number")
            .min(1, "CALCOM_SANDBOX_PORT must be a port number")
            .max(65_535, "CALCOM_SANDBOX_PORT must be a port number")
            .optional(),
        },
        ...options,
      }),
    ],
    server: {},
    ...options,
  });
}

/** What `npm run dev` gives the api and the worker when CALCOM_API_KEY is unset (scripts/stack.ts). */
const DEV_SANDBOX_KEY = "cal_test_askpro_demo";
const DEV_SANDBOX_PORT = 5555;

export interface CalcomSettings {
  apiUrl: string;
  apiKey: string;
  /** `dev-sandbox`: no key configured outside production, so the sandbox of `npm run dev` is assumed. */
  source: "environment" | "dev-sandbox";
}

export interface Settings {
  nodeEnv: "development" | "test" | "production";
  /** Undefined when it is invalid or cannot be found; `databaseProblem` then says why. */
  databaseUrl: string | undefined;
  databaseProblem: string | undefined;
  jobsDbUrl: string | undefined;
  calcom: CalcomSettings | undefined;
  /** In effect: APP_SECRET, else (outside production) the development secret of the data dir; undefined when refused. */
  appSecret: string | undefined;
  appSecretSource: "environment" | "data-dir";
  /** One line per invalid variable, naming it, never its value (a database that is not running is not one, a missing one is). */
  problems: string[];
}

/** Blank values count as unset. */
export function loadSettings(source: NodeJS.ProcessEnv): Settings {
  const { env, problems } = composeEnv(source, composeSettingsEnv);
  const nodeEnv = env.NODE_ENV ?? "development";
  const calcomUrlSet = Boolean(source.CALCOM_API_URL?.trim());
  const calcom = problems.some((problem) => problem.startsWith("CALCOM_")) ? undefined : calcomSettings(env, nodeEnv, calcomUrlSet, problems);
  return {
    nodeEnv,
    databaseUrl: env.DATABASE_URL,
    databaseProblem: problems.find((problem) => problem.startsWith("DATABASE_URL")),
    jobsDbUrl: env.JOBS_DB_URL,
    calcom,
    appSecret: env.APP_SECRET,
    appSecretSource: source.APP_SECRET?.trim() ? "environment" : "data-dir",
    problems,
  };
}

type SettingsEnv = Partial<ReturnType<typeof composeSettingsEnv>>;

function calcomSettings(env: SettingsEnv, nodeEnv: Settings["nodeEnv"], urlSet: boolean, problems: string[]): CalcomSettings | undefined {
  const apiUrl = env.CALCOM_API_URL ?? DEFAULT_CALCOM_BASE_URL;
  if (env.CALCOM_API_KEY) return { apiUrl, apiKey: env.CALCOM_API_KEY, source: "environment" };
  if (nodeEnv !== "production" && !urlSet) {
    const port = env.CALCOM_SANDBOX_PORT ?? DEV_SANDBOX_PORT;
    return { apiUrl: `http://127.0.0.1:${port}`, apiKey: DEV_SANDBOX_KEY, source: "dev-sandbox" };
  }
  problems.push(nodeEnv === "production" ? "CALCOM_API_KEY must be set in production" : "CALCOM_API_KEY must be set when CALCOM_API_URL is");
  return undefined;
}
