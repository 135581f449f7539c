import { User } from "@askpro/db";
import { TRPCError } from "@trpc/server";
import type { HashingPlace } from "../../auth/hashing-queue";
import { checkPassword } from "../../auth/password-check";
import { admitSignIn, rememberBlocked, signInDatabaseTurns, SIGN_IN_BUSY, type SignInRefusal, TOO_MANY_SIGN_IN_FAILURES } from "../../auth/sign-in-admission";
import { startSession } from "../../auth/sessions";
import { forgetPassedSignInWindows, type SignInSubject, signInSucceeded, takeSignInAttempt } from "../../auth/sign-in-throttle";
import type { Context } from "../../context";
import { type Me, toMe } from "./me.handler";
import type { SignInInput } from "./signIn.schema";

export const INVALID_CREDENTIALS = "Invalid email or password";

function refused(ctx: Context, refusal: SignInRefusal): TRPCError {
  if (refusal === "throttled") {
    ctx.logger.warn({ event: "sign-in-throttled" }, "Sign-in refused: too many failures for this account or address");
    return new TRPCError({ code: "TOO_MANY_REQUESTS", message: TOO_MANY_SIGN_IN_FAILURES });
  }
  ctx.logger.warn({ event: "sign-in-busy" }, "Sign-in refused: too many sign-ins at once");
  return new TRPCError({ code: "TOO_MANY_REQUESTS", message: SIGN_IN_BUSY });
}

export async function signInHandler({ ctx, input }: { ctx: Context; input: SignInInput }): Promise<{ user: Me }> {
  const subject: SignInSubject = { email: input.email, clientIp: ctx.clientIp };
  // Refused before it costs the database anything: what the database refused a moment ago, a flood
  // beyond the hashing queue's places, and more at once than the throttle could admit.
  const admission = admitSignIn(subject);
  if (admission.refusal) throw refused(ctx, admission.refusal);
  try {
    return await signInOnce(ctx, subject, input.password, admission.place);
  } finally {
    admission.leave();
  }
}

async function signInOnce(ctx: Context, subject: SignInSubject, password: string, place: HashingPlace): Promise<{ user: Me }> {
  // Counted before the password is checked: concurrent attempts cannot all pass a check made before any failed.
  const { attempt, user } = await signInDatabaseTurns(async () => {
    const attempt = await takeSignInAttempt(ctx.em, subject);
    return { attempt, user: attempt.taken ? await ctx.em.findOne(User, { email: subject.email }, { populate: ["passwordHash", "company"] }) : null };
  });
  if (!attempt.taken) {
    rememberBlocked(subject, attempt.blocked);
    throw refused(ctx, "throttled");
  }
  // The place was taken on admission, so the check is never refused for want of one: the attempt stays counted.
  const valid = await checkPassword(place, password, user?.passwordHash);
  if (!user || !valid) {
    await signInDatabaseTurns(() => forgetPassedSignInWindows(ctx.em));
    ctx.logger.info({ event: "sign-in-failed" }, "Sign-in failed");
    throw new TRPCError({ code: "UNAUTHORIZED", message: INVALID_CREDENTIALS });
  }
  await signInDatabaseTurns(() => signInSucceeded(ctx.em, subject));
  await startSession(ctx.em, ctx.cookies, user, ctx.session, { secure: ctx.env.NODE_ENV === "production" }, ctx.sessionCache);
  ctx.logger.info({ event: "sign-in", userId: user.id }, "Signed in");
  return { user: toMe(user) };
}
