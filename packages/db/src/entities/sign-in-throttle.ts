import { defineEntity, p } from "@mikro-orm/core";

export const SIGN_IN_THROTTLE_SCOPES = ["account", "ip"] as const;
export type SignInThrottleScope = (typeof SIGN_IN_THROTTLE_SCOPES)[number];

/**
 * Failed sign-ins in the current window, per account (e-mail) and per client IP. In PostgreSQL, so
 * every api instance counts the same failures.
 */
const SignInThrottleSchema = defineEntity({
  name: "SignInThrottle",
  tableName: "sign_in_throttles",
  properties: {
    scope: p.enum(SIGN_IN_THROTTLE_SCOPES).primary(),
    /** sha256 (hex) of the e-mail address or IP: the table lists no addresses, known or mistyped. */
    subjectHash: p.string().length(64).primary(),
    failures: p.integer(),
    /** The window ends 15 minutes after its first failure; expired rows are deleted as new failures come in. */
    windowStartedAt: p.datetime().index(),
  },
});

export class SignInThrottle extends SignInThrottleSchema.class {}
SignInThrottleSchema.setClass(SignInThrottle);
export { SignInThrottleSchema };
