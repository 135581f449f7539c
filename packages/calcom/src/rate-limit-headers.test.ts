import { describe, expect, it } from "vitest";
import { readRateLimitHeaders, readRetryAfter } from "./rate-limit-headers";

const now = Date.parse("2026-11-24T10:00:00Z");

describe("rate-limit headers", () => {
  it("reads Cal.com's X-RateLimit-*-Default headers, reset in seconds", () => {
    const headers = new Headers({
      "X-RateLimit-Limit-Default": "120",
      "X-RateLimit-Remaining-Default": "7",
      "X-RateLimit-Reset-Default": "42",
    });
    expect(readRateLimitHeaders(headers, now)).toEqual({ limit: 120, remaining: 7, resetMs: 42_000 });
  });

  it("takes a reset given as epoch seconds as the time until then, and ignores garbage", () => {
    const epoch = String(now / 1000 + 30);
    expect(readRateLimitHeaders(new Headers({ "X-RateLimit-Reset-Default": epoch }), now)).toEqual({ resetMs: 30_000 });
    expect(readRateLimitHeaders(new Headers({ "X-RateLimit-Limit-Default": "lots", "X-RateLimit-Remaining-Default": "-1" }), now)).toEqual({});
  });

  it("reads Retry-After as seconds or as an HTTP date", () => {
    expect(readRetryAfter(new Headers({ "Retry-After": "3" }), now)).toBe(3_000);
    expect(readRetryAfter(new Headers({ "Retry-After": "Tue, 24 Nov 2026 10:00:05 GMT" }), now)).toBe(5_000);
    expect(readRetryAfter(new Headers({ "Retry-After": "Tue, 24 Nov 2026 09:59:00 GMT" }), now)).toBe(0);
    expect(readRetryAfter(new Headers({ "Retry-After": "soon" }), now)).toBeUndefined();
    expect(readRetryAfter(new Headers(), now)).toBeUndefined();
  });
});
