import { User } from "@askpro/db";
import { TRPCError } from "@trpc/server";
import { HashingQueueFull } from "../../auth/hashing-queue";
import { checkPassword, passwordChecks } from "../../auth/password-check";
import { startSession } from "../../auth/sessions";
import { forgetPassedSignInWindows, giveBackSignInAttempt, signInSucceeded, takeSignInAttempt } from "../../auth/sign-in-throttle";
import type { Context } from "../../context";
import { type Me, toMe } from "./me.handler";
import type { SignInInput } from "./signIn.schema";

export const INVALID_CREDENTIALS = "Invalid email or password";
/** The same for every account, known or not, so it tells nobody which e-mail addresses exist. */
export const TOO_MANY_SIGN_IN_FAILURES = "Too many failed sign-ins. Please wait 15 minutes and try again.";
/** Said whoever signs in, so it tells nothing about the account either. */
export const SIGN_IN_BUSY = "The server is busy with other sign-ins. Please try again in a moment.";

function busy(ctx: Context): TRPCError {
  ctx.logger.warn({ event: "sign-in-busy" }, "Sign-in refused: too many password checks waiting");
  return new TRPCError({ code: "TOO_MANY_REQUESTS", message: SIGN_IN_BUSY });
}

export async function signInHandler({ ctx, input }: { ctx: Context; input: SignInInput }): Promise<{ user: Me }> {
  // A flood beyond the queue is refused before it costs the database anything.
  if (passwordChecks.full) throw busy(ctx);
  const subject = { email: input.email, clientIp: ctx.clientIp };
  // Counted before the password is checked: concurrent attempts cannot all pass a check made before any failed.
  if (!(await takeSignInAttempt(ctx.em, subject))) {
    ctx.logger.warn({ event: "sign-in-throttled" }, "Sign-in refused: too many failures for this account or address");
    throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: TOO_MANY_SIGN_IN_FAILURES });
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
