import { type CalcomClient, createCalcomClient } from "@askpro/calcom";
import { createOrm, type Orm } from "@askpro/db";
import { createJobs, type Jobs } from "@askpro/jobs";
import type { VerifyContext, VerifyOptions } from "./check";
import type { Settings } from "./settings";

/** Connections are opened by the first check that needs them and closed once, at the end. */
export function createContext(settings: Settings, options: VerifyOptions): VerifyContext & { close(): Promise<void> } {
  let orm: Promise<Orm> | undefined;
  let jobs: Promise<Jobs> | undefined;
  let calcom: CalcomClient | undefined;

  const databaseUrl = () => {
    if (!settings.databaseUrl) throw new Error(settings.databaseProblem ?? "no database configured");
    return settings.databaseUrl;
  };

  return {
    settings,
    options,
    orm: () => {
      orm ??= createOrm(databaseUrl(), { pool: { min: 0, max: 2 } });
      return orm;
    },
    jobs: () => {
      jobs ??= createJobs({ databaseUrl: databaseUrl(), jobsDbUrl: settings.jobsDbUrl, name: "verify", onError: () => undefined });
      return jobs;
    },
    calcom: () => {
      if (!settings.calcom) throw new Error("Cal.com is not configured");
      calcom ??= createCalcomClient({ apiKey: settings.calcom.apiKey, baseUrl: settings.calcom.apiUrl });
      return calcom;
    },
    async close() {
      await Promise.allSettled([orm?.then((opened) => opened.close()), jobs?.then((opened) => opened.stop({ drainTimeoutMs: 0 }))]);
    },
  };
}
