import { defineEntity, p } from "@mikro-orm/core";

/**
 * One Cal.com key's request budget, shared by every process that calls Cal.com with the key (the api,
 * each worker): a fixed window like Cal.com's own, changed by one atomic statement per request
 * (packages/db/src/calcom-budget). The key itself is never stored, only a hash of it.
 */
const CalcomRateBudgetSchema = defineEntity({
  name: "CalcomRateBudget",
  tableName: "calcom_rate_budgets",
  properties: {
    /** sha256 (hex) of Cal.com's origin and the key (budgetKeyId in packages/calcom). */
    keyHash: p.string().length(64).primary(),
    /** X-RateLimit-Limit as last read; 1 until a response was read. */
    requestLimit: p.integer(),
    /** Read from the reset of a window's first request; Cal.com's 60 s until then. */
    windowMs: p.integer(),
    /** False until a response's headers were read: until then one request at a time probes the key. */
    headersRead: p.boolean(),
    /** Counts the windows, so that a late correction does not touch a later window. */
    windowNumber: p.integer(),
    /**
     * When the current window's first request was taken: Cal.com's window began no earlier, so it ends
     * no earlier than this plus its length, and requests are handed out only until then.
     */
    windowStartedAt: p.datetime(),
    /**
     * The current window's end (a 429 moves it to the block's end), by the database's clock: Cal.com's
     * window ends no later, and the next window opens only after it. Between the two ends nothing goes
     * out: a request there could count in either of Cal.com's windows.
     */
    windowEndsAt: p.datetime(),
    /** Requests taken in the current window. */
    taken: p.integer(),
  },
});

export class CalcomRateBudget extends CalcomRateBudgetSchema.class {}
CalcomRateBudgetSchema.setClass(CalcomRateBudget);
export { CalcomRateBudgetSchema };
