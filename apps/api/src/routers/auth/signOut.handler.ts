import { endSession } from "../../auth/sessions";
import type { Context } from "../../context";

export async function signOutHandler({ ctx }: { ctx: Context }): Promise<{ ok: true }> {
  await endSession(ctx.em, ctx.cookies, ctx.session, { secure: ctx.env.NODE_ENV === "production" }, ctx.sessionCache);
  return { ok: true };
}
