import { hashPassword, User, verifyPassword } from "@askpro/db";
import { TRPCError } from "@trpc/server";
import { startSession } from "../../auth/sessions";
import { clearAccountFailures, isSignInBlocked, recordSignInFailure } from "../../auth/sign-in-throttle";
import type { Context } from "../../context";
import { type Me, toMe } from "./me.handler";
import type { SignInInput } from "./signIn.schema";

export const INVALID_CREDENTIALS = "Invalid email or password";
/** The same for every account, known or not, so it tells nobody which e-mail addresses exist. */
export const TOO_MANY_SIGN_IN_FAILURES = "Too many failed sign-ins. Please wait 15 minutes and try again.";

/** Verified against when the e-mail is unknown, so both failures take about as long. */
let decoyHash: Promise<string> | undefined;

export async function signInHandler({ ctx, input }: { ctx: Context; input: SignInInput }): Promise<{ user: Me }> {
  const subject = { email: input.email, clientIp: ctx.clientIp };
  // Before the password is checked: once blocked, even the right password waits for the window to pass.
  if (await isSignInBlocked(ctx.em, subject)) {
    ctx.logger.warn({ event: "sign-in-throttled" }, "Sign-in refused: too many failures for this account or address");
    throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: TOO_MANY_SIGN_IN_FAILURES });
  }
  const user = await ctx.em.findOne(User, { email: input.email }, { populate: ["passwordHash", "company"] });
  decoyHash ??= hashPassword("decoy password that never matches");
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash));
  if (!user || !valid) {
    await recordSignInFailure(ctx.em, subject);
    ctx.logger.info({ event: "sign-in-failed" }, "Sign-in failed");
    throw new TRPCError({ code: "UNAUTHORIZED", message: INVALID_CREDENTIALS });
  }
  await clearAccountFailures(ctx.em, subject);
  await startSession(ctx.em, ctx.cookies, user, ctx.session, { secure: ctx.env.NODE_ENV === "production" }, ctx.sessionCache);
  ctx.logger.info({ event: "sign-in", userId: user.id }, "Signed in");
  return { user: toMe(user) };
}
