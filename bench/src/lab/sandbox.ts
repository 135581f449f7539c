import { type CalcomSandbox, type RateLimitOptions, type SandboxFixture, startCalcomSandbox } from "@askpro/calcom/sandbox";
import { catalogueFixture } from "./catalogue";

/** The demo API key of the sandbox fixture (the AskProAI user, a member of the catalogue's team). */
export const SANDBOX_API_KEY = "cal_test_askpro_demo";

/**
 * No limit worth the name: a budget no benchmark reaches, in 1 s windows, so that the client's
 * pacer (which starts from Cal.com's 120 a minute) learns it from the first response's headers.
 */
export const NO_RATE_LIMIT: RateLimitOptions = { limit: 1_000_000_000, windowMs: 1_000, blockMs: 1_000 };

/** Cal.com's 120 requests a minute and minute-long block, scaled down ten times in time. */
export const SCALED_LIMIT: RateLimitOptions = { limit: 120, windowMs: 6_000, blockMs: 6_000 };

/** The Cal.com sandbox holding every catalogue event type (or the fixture given), in this process. */
export function startSandbox(rateLimit: RateLimitOptions = NO_RATE_LIMIT, fixture: SandboxFixture = catalogueFixture()): Promise<CalcomSandbox> {
  return startCalcomSandbox({ fixture, rateLimit });
}
