import { type SignInThrottleScope, User } from "@askpro/db";
import { TRPCError } from "@trpc/server";
import { BlockedMemo } from "../../auth/blocked-memo";
import { HashingQueueFull } from "../../auth/hashing-queue";
import { InFlightLimit } from "../../auth/in-flight-limit";
import { checkPassword, passwordChecks } from "../../auth/password-check";
import { startSession } from "../../auth/sessions";
import { forgetPassedSignInWindows, giveBackSignInAttempt, MAX_SIGN_IN_FAILURES, signInSucceeded, takeSignInAttempt } from "../../auth/sign-in-throttle";
import type { Context } from "../../context";
import { type Me, toMe } from "./me.handler";
import type { SignInInput } from "./signIn.schema";

export const INVALID_CREDENTIALS = "Invalid email or password";
/** The same for every account, known or not, so it tells nobody which e-mail addresses exist. */
export const TOO_MANY_SIGN_IN_FAILURES = "Too many failed sign-ins. Please wait 15 minutes and try again.";
/** Said whoever signs in, so it tells nothing about the account either. */
export const SIGN_IN_BUSY = "The server is busy with other sign-ins. Please try again in a moment.";

function throttled(ctx: Context): TRPCError {
  ctx.logger.warn({ event: "sign-in-throttled" }, "Sign-in refused: too many failures for this account or address");
  return new TRPCError({ code: "TOO_MANY_REQUESTS", message: TOO_MANY_SIGN_IN_FAILURES });
}

function busy(ctx: Context): TRPCError {
  ctx.logger.warn({ event: "sign-in-busy" }, "Sign-in refused: too many sign-ins at once");
  return new TRPCError({ code: "TOO_MANY_REQUESTS", message: SIGN_IN_BUSY });
}

/** Per address and per account, in this process: more at once could not all get an attempt anyway. */
const signInsInFlight = new InFlightLimit(MAX_SIGN_IN_FAILURES);
/** Addresses and accounts found blocked: their floods are refused without a statement each. */
export const BLOCKED_MEMO_MS = 5_000;
const recentlyBlocked = new BlockedMemo(BLOCKED_MEMO_MS, 10_000);

type SignInKeys = Record<SignInThrottleScope, string>;

export async function signInHandler({ ctx, input }: { ctx: Context; input: SignInInput }): Promise<{ user: Me }> {
  const keys: SignInKeys = { account: `account:${input.email}`, ip: `ip:${ctx.clientIp}` };
  const both = [keys.account, keys.ip];
  // Refused before they cost the database anything: what the database refused a moment ago, a flood
  // beyond the hashing queue, and more at once than the throttle could admit.
  if (recentlyBlocked.isBlocked(both)) throw throttled(ctx);
  if (passwordChecks.full || !signInsInFlight.tryEnter(both)) throw busy(ctx);
  try {
    return await signInOnce(ctx, input, keys);
  } finally {
    signInsInFlight.leave(both);
  }
}

async function signInOnce(ctx: Context, input: SignInInput, keys: SignInKeys): Promise<{ user: Me }> {
  const subject = { email: input.email, clientIp: ctx.clientIp };
  // Counted before the password is checked: concurrent attempts cannot all pass a check made before any failed.
  const attempt = await takeSignInAttempt(ctx.em, subject);
  if (!attempt.taken) {
    for (const scope of attempt.blocked) recentlyBlocked.remember(keys[scope]);
    throw throttled(ctx);
  }
  const user = await ctx.em.findOne(User, { email: input.email }, { populate: ["passwordHash", "company"] });
  let valid: boolean;
  try {
    valid = await checkPassword(input.password, user?.passwordHash);
  } catch (error) {
    if (!(error instanceof HashingQueueFull)) throw error;
    await giveBackSignInAttempt(ctx.em, subject);
    throw busy(ctx);
  }
  if (!user || !valid) {
    await forgetPassedSignInWindows(ctx.em);
    ctx.logger.info({ event: "sign-in-failed" }, "Sign-in failed");
    throw new TRPCError({ code: "UNAUTHORIZED", message: INVALID_CREDENTIALS });
  }
  await signInSucceeded(ctx.em, subject);
  await startSession(ctx.em, ctx.cookies, user, ctx.session, { secure: ctx.env.NODE_ENV === "production" }, ctx.sessionCache);
  ctx.logger.info({ event: "sign-in", userId: user.id }, "Signed in");
  return { user: toMe(user) };
}
