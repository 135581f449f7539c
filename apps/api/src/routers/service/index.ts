import { adminProcedure, authedProcedure } from "../../trpc";
import { byIdHandler } from "./byId.handler";
import { byIdSchema } from "./byId.schema";
import { createHandler } from "./create.handler";
import { createSchema } from "./create.schema";
import { deleteHandler } from "./delete.handler";
import { deleteSchema } from "./delete.schema";
import { listHandler } from "./list.handler";
import { listSchema } from "./list.schema";
import { updateHandler } from "./update.handler";
import { updateSchema } from "./update.schema";

export const serviceRouter = {
  list: authedProcedure.input(listSchema).query(listHandler),
  byId: authedProcedure.input(byIdSchema).query(byIdHandler),
  create: adminProcedure.input(createSchema).mutation(createHandler),
  update: adminProcedure.input(updateSchema).mutation(updateHandler),
  delete: adminProcedure.input(deleteSchema).mutation(deleteHandler),
};
