import { authedProcedure } from "../../trpc";
import { statusHandler } from "./status.handler";

/** The state of the system behind the app that its users need to know about; nothing of any company. */
export const systemRouter = {
  status: authedProcedure.query(statusHandler),
};
