import { hashPassword, User, verifyPassword } from "@askpro/db";
import { TRPCError } from "@trpc/server";
import { startSession } from "../../auth/sessions";
import type { Context } from "../../context";
import { type Me, toMe } from "./me.handler";
import type { SignInInput } from "./signIn.schema";

const INVALID_CREDENTIALS = "Invalid email or password";

/** Verified against when the e-mail is unknown, so both failures take about as long. */
let decoyHash: Promise<string> | undefined;

export async function signInHandler({ ctx, input }: { ctx: Context; input: SignInInput }): Promise<{ user: Me }> {
  const user = await ctx.em.findOne(User, { email: input.email }, { populate: ["passwordHash", "company"] });
  decoyHash ??= hashPassword("decoy password that never matches");
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash));
  if (!user || !valid) {
    ctx.logger.info({ event: "sign-in-failed" }, "Sign-in failed");
    throw new TRPCError({ code: "UNAUTHORIZED", message: INVALID_CREDENTIALS });
  }
  await startSession(ctx.em, ctx.cookies, user, ctx.session, { secure: ctx.env.NODE_ENV === "production" });
  ctx.logger.info({ event: "sign-in", userId: user.id }, "Signed in");
  return { user: toMe(user) };
}
