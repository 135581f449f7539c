import { publicProcedure } from "../../trpc";
import { meHandler } from "./me.handler";
import { signInHandler } from "./signIn.handler";
import { signInSchema } from "./signIn.schema";
import { signOutHandler } from "./signOut.handler";

export const authRouter = {
  signIn: publicProcedure.input(signInSchema).mutation(signInHandler),
  signOut: publicProcedure.mutation(signOutHandler),
  me: publicProcedure.query(meHandler),
};
