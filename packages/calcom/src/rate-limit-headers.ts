/** Cal.com's throttler names its headers after the limit, "default" unless the key has custom limits. */
const LIMIT_NAME = "Default";

export interface RateLimitInfo {
  limit?: number;
  remaining?: number;
  /** Time until the key's current window (or block) ends. */
  resetMs?: number;
}

function nonNegativeNumber(value: string | null): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}

/** Seconds until reset; values that look like epoch seconds (some proxies send those) become a delay. */
function secondsToDelayMs(seconds: number, now: number): number {
  return seconds > 1e9 ? Math.max(0, seconds * 1000 - now) : seconds * 1000;
}

export function readRateLimitHeaders(headers: Headers, now = Date.now()): RateLimitInfo {
  const info: RateLimitInfo = {};
  const limit = nonNegativeNumber(headers.get(`X-RateLimit-Limit-${LIMIT_NAME}`));
  const remaining = nonNegativeNumber(headers.get(`X-RateLimit-Remaining-${LIMIT_NAME}`));
  const reset = nonNegativeNumber(headers.get(`X-RateLimit-Reset-${LIMIT_NAME}`));
  if (limit !== undefined && limit > 0) info.limit = limit;
  if (remaining !== undefined) info.remaining = remaining;
  if (reset !== undefined) info.resetMs = secondsToDelayMs(reset, now);
  return info;
}

/** `Retry-After` as delay-seconds or an HTTP date, in ms from now. */
export function readRetryAfter(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get("Retry-After");
  if (value === null) return undefined;
  const seconds = nonNegativeNumber(value);
  if (seconds !== undefined) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
