import { adminProcedure, authedProcedure } from "../../trpc";
import { byIdHandler } from "./byId.handler";
import { byIdSchema } from "./byId.schema";
import { createHandler } from "./create.handler";
import { createSchema } from "./create.schema";
import { deleteHandler } from "./delete.handler";
import { deleteSchema } from "./delete.schema";
import { historyHandler } from "./history.handler";
import { historySchema } from "./history.schema";
import { listHandler } from "./list.handler";
import { listSchema } from "./list.schema";
import { syncHandler } from "./sync.handler";
import { syncSchema } from "./sync.schema";
import { syncPreviewHandler } from "./syncPreview.handler";
import { syncPreviewSchema } from "./syncPreview.schema";
import { updateHandler } from "./update.handler";
import { updateSchema } from "./update.schema";

export const serviceRouter = {
  list: authedProcedure.input(listSchema).query(listHandler),
  byId: authedProcedure.input(byIdSchema).query(byIdHandler),
  create: adminProcedure.input(createSchema).mutation(createHandler),
  update: adminProcedure.input(updateSchema).mutation(updateHandler),
  delete: adminProcedure.input(deleteSchema).mutation(deleteHandler),
  sync: adminProcedure.input(syncSchema).mutation(syncHandler),
  syncPreview: adminProcedure.input(syncPreviewSchema).query(syncPreviewHandler),
  history: authedProcedure.input(historySchema).query(historyHandler),
};
