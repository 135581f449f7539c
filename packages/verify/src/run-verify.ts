import type { Check, CheckOutcome, CheckStatus, VerifyOptions } from "./check";
import { CHECKS, smokeCheck } from "./checks";
import { createContext } from "./context";
import { secretRedactor } from "./secrets";
import { loadSettings } from "./settings";

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  detail: string;
  fix?: string;
  data?: Record<string, unknown>;
  durationMs: number;
}

export interface VerifyReport {
  ok: boolean;
  startedAt: string;
  durationMs: number;
  counts: Record<CheckStatus, number>;
  checks: CheckResult[];
}

/** Runs every check in order against the system `env` describes; a check whose prerequisite failed is skipped. */
export async function runVerify(env: NodeJS.ProcessEnv, options: VerifyOptions): Promise<VerifyReport> {
  const startedAt = new Date();
  const settings = loadSettings(env);
  const redact = secretRedactor(env, settings);
  const ctx = createContext(settings, options);
  const checks = options.smoke ? [...CHECKS, smokeCheck] : CHECKS;
  const results: CheckResult[] = [];
  try {
    for (const check of checks) {
      const began = Date.now();
      const outcome = await outcomeOf(check, results, () => check.run(ctx));
      results.push({
        id: check.id,
        title: check.title,
        ...outcome,
        detail: redact(outcome.detail),
        ...(outcome.fix === undefined ? {} : { fix: redact(outcome.fix) }),
        durationMs: Date.now() - began,
      });
    }
  } finally {
    await ctx.close();
  }
  const counts = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const result of results) counts[result.status]++;
  return { ok: counts.fail === 0, startedAt: startedAt.toISOString(), durationMs: Date.now() - startedAt.getTime(), counts, checks: results };
}

type Outcome = Pick<CheckResult, "status" | "detail" | "fix" | "data">;

async function outcomeOf(check: Check, earlier: CheckResult[], run: () => Promise<CheckOutcome>): Promise<Outcome> {
  const blocker = earlier.find((result) => check.needs?.includes(result.id) && (result.status === "fail" || result.status === "skip"));
  if (blocker) return { status: "skip", detail: `needs "${blocker.title}", which did not pass` };
  try {
    return await run();
  } catch (error) {
    return {
      status: "fail",
      detail: `unexpected error: ${error instanceof Error ? error.message : String(error)}`,
      fix: "look into the error above; run verify again once it is solved",
    };
  }
}
