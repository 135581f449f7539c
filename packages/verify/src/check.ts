import type { CalcomClient } from "@askpro/calcom";
import type { Orm } from "@askpro/db";
import type { Jobs } from "@askpro/jobs";
import type { Settings } from "./settings";

/** `skip`: not run because a check it needs failed (that one carries the fix). */
export type CheckStatus = "pass" | "warn" | "fail" | "skip";

export interface CheckOutcome {
  status: Exclude<CheckStatus, "skip">;
  /** One line, or a few for summaries; never a secret. */
  detail: string;
  /** One line telling the operator what to do; every failure has one. */
  fix?: string;
  /** Numbers for `--json` consumers. */
  data?: Record<string, unknown>;
}

export interface VerifyOptions {
  /** Id, slug or name of the service used to prove the Cal.com path end to end. */
  service: string;
  smoke: boolean;
  timeoutMs: number;
}

export interface VerifyContext {
  settings: Settings;
  options: VerifyOptions;
  /** The application database through the ORM, connected on first use and shared by the checks. */
  orm(): Promise<Orm>;
  /** The configured job store's queue (not started: it only reads and enqueues). */
  jobs(): Promise<Jobs>;
  /** A client with the configured key; throws when there is none (the configuration check says why). */
  calcom(): CalcomClient;
}

export interface Check {
  id: string;
  title: string;
  /** Ids of checks that must not have failed for this one to run. */
  needs?: readonly string[];
  run(ctx: VerifyContext): Promise<CheckOutcome>;
}

export const pass = (detail: string, data?: Record<string, unknown>): CheckOutcome => ({ status: "pass", detail, data });
export const warn = (detail: string, fix?: string, data?: Record<string, unknown>): CheckOutcome => ({ status: "warn", detail, fix, data });
export const fail = (detail: string, fix: string, data?: Record<string, unknown>): CheckOutcome => ({ status: "fail", detail, fix, data });
