import { describe, expect, it } from "vitest";
import { type BudgetTicket, budgetKeyId, whatToLearn } from "./rate-budget";

const ticket = (overrides: Partial<BudgetTicket> = {}): BudgetTicket => ({ granted: true, window: 7, taken: 3, limit: 120, headersRead: true, ...overrides });

describe("what a response teaches the shared budget", () => {
  it("nothing when it confirms what the ticket showed: no second statement for the request", () => {
    expect(whatToLearn(ticket(), { rateLimit: { limit: 120, remaining: 118, resetMs: 40_000 } })).toBeUndefined();
    expect(whatToLearn(ticket(), {})).toBeUndefined();
  });

  it("the limit and window from the probe's answer, and the window's length from a window's first request", () => {
    expect(whatToLearn(ticket({ headersRead: false, limit: 1, taken: 1 }), { rateLimit: { limit: 10, remaining: 9, resetMs: 2_000 } })).toEqual({
      window: 7,
      limit: 10,
      windowMs: 2_000,
      endsInMs: 2_000,
      spent: 1,
    });
    expect(whatToLearn(ticket({ taken: 1 }), { rateLimit: { limit: 120, remaining: 119, resetMs: 60_000 } })).toEqual({
      window: 7,
      windowMs: 60_000,
      endsInMs: 60_000,
      spent: 1,
    });
  });

  it("the ticket's place in its window when the server's window began with a request that was not the window's first", () => {
    expect(whatToLearn(ticket({ taken: 118, takenAt: 1_700 }), { rateLimit: { limit: 120, remaining: 119, resetMs: 60_000 } })).toEqual({
      window: 7,
      windowMs: 60_000,
      endsInMs: 60_000,
      spent: 1,
      takenBefore: 118,
      takenAt: 1_700,
    });
  });

  it("a changed limit, a higher count than was taken, and a 429's block", () => {
    expect(whatToLearn(ticket(), { rateLimit: { limit: 60 } })).toEqual({ window: 7, limit: 60 });
    expect(whatToLearn(ticket({ taken: 3 }), { rateLimit: { limit: 120, remaining: 20, resetMs: 9_000 } })).toEqual({ window: 7, spent: 100, endsInMs: 9_000 });
    expect(whatToLearn(ticket(), { blockMs: 60_000 })).toEqual({ window: 7, blockMs: 60_000 });
  });
});

it("names a key's budget by a hash of the origin and key, never the key", () => {
  const id = budgetKeyId("https://api.cal.com", "cal_live_secret");
  expect(id).toMatch(/^[0-9a-f]{64}$/);
  expect(id).not.toBe(budgetKeyId("http://127.0.0.1:5555", "cal_live_secret"));
});
