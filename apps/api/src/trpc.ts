import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import type { Context } from "./context";
import { refuseUnfitInput } from "./input-hygiene";

const t = initTRPC.context<Context>().create({
  // Stack traces carry driver text, addresses and paths: they belong in the log, in every environment.
  isDev: false,
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      // Unexpected errors may carry database details: the client gets a generic message, the log the rest.
      message: error.code === "INTERNAL_SERVER_ERROR" ? "Something went wrong on the server. Please try again." : shape.message,
      data: {
        ...shape.data,
        zodIssues: error.code === "BAD_REQUEST" && error.cause instanceof ZodError ? error.cause.issues : null,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
/** Every procedure derives from this one. */
export const publicProcedure = t.procedure.use(async ({ getRawInput, next }) => {
  refuseUnfitInput(await getRawInput());
  return next();
});

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user || !ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  return next({ ctx: { ...ctx, user: ctx.user, session: ctx.session } });
});

const EDITOR_ROLES = new Set(["owner", "admin"]);

export const adminProcedure = authedProcedure.use(({ ctx, next }) => {
  if (!EDITOR_ROLES.has(ctx.user.role)) {
    throw new TRPCError({ code: "FORBIDDEN", message: "Your role can view services but not change them." });
  }
  return next({ ctx });
});

export type AuthedContext = Context & { user: NonNullable<Context["user"]>; session: NonNullable<Context["session"]> };
