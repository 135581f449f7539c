import { adminProcedure, authedProcedure } from "../../trpc";
import { bulkSyncHandler } from "./bulkSync.handler";
import { bulkSyncSchema } from "./bulkSync.schema";
import { bulkSyncCancelHandler } from "./bulkSyncCancel.handler";
import { bulkSyncCancelSchema } from "./bulkSyncCancel.schema";
import { bulkSyncPreviewHandler } from "./bulkSyncPreview.handler";
import { bulkSyncPreviewSchema } from "./bulkSyncPreview.schema";
import { bulkSyncProgressHandler } from "./bulkSyncProgress.handler";
import { bulkSyncProgressSchema } from "./bulkSyncProgress.schema";
import { byIdHandler } from "./byId.handler";
import { byIdSchema } from "./byId.schema";
import { calcomValuesHandler } from "./calcomValues.handler";
import { calcomValuesSchema } from "./calcomValues.schema";
import { createHandler } from "./create.handler";
import { createSchema } from "./create.schema";
import { createInCalcomHandler } from "./createInCalcom.handler";
import { createInCalcomSchema } from "./createInCalcom.schema";
import { deleteHandler } from "./delete.handler";
import { deleteSchema } from "./delete.schema";
import { editHistoryHandler } from "./editHistory.handler";
import { editHistorySchema } from "./editHistory.schema";
import { historyHandler } from "./history.handler";
import { historySchema } from "./history.schema";
import { importableEventTypesHandler } from "./importableEventTypes.handler";
import { importableEventTypesSchema } from "./importableEventTypes.schema";
import { importEventTypesHandler } from "./importEventTypes.handler";
import { importEventTypesSchema } from "./importEventTypes.schema";
import { linkHandler } from "./link.handler";
import { linkSchema } from "./link.schema";
import { linkableEventTypesHandler } from "./linkableEventTypes.handler";
import { linkableEventTypesSchema } from "./linkableEventTypes.schema";
import { listHandler } from "./list.handler";
import { listSchema } from "./list.schema";
import { syncHandler } from "./sync.handler";
import { syncSchema } from "./sync.schema";
import { syncPreviewHandler } from "./syncPreview.handler";
import { syncPreviewSchema } from "./syncPreview.schema";
import { takeCalcomValuesHandler } from "./takeCalcomValues.handler";
import { takeCalcomValuesSchema } from "./takeCalcomValues.schema";
import { unlinkHandler } from "./unlink.handler";
import { unlinkSchema } from "./unlink.schema";
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
  // Admins only, like syncPreview: it spends the company's Cal.com budget, and only admins can link.
  linkableEventTypes: adminProcedure.input(linkableEventTypesSchema).query(linkableEventTypesHandler),
  link: adminProcedure.input(linkSchema).mutation(linkHandler),
  // "Create in Cal.com": a job creates the event type and links it (live status, toasts and history as a sync).
  createInCalcom: adminProcedure.input(createInCalcomSchema).mutation(createInCalcomHandler),
  unlink: adminProcedure.input(unlinkSchema).mutation(unlinkHandler),
  // Admins only: it reads Cal.com with the company's key (its budget), and what it shows is for taking.
  calcomValues: adminProcedure.input(calcomValuesSchema).query(calcomValuesHandler),
  takeCalcomValues: adminProcedure.input(takeCalcomValuesSchema).mutation(takeCalcomValuesHandler),
  // "Import from Cal.com": admins only, like the link picker (the company's Cal.com budget, and it writes services).
  importableEventTypes: adminProcedure.input(importableEventTypesSchema).query(importableEventTypesHandler),
  importEventTypes: adminProcedure.input(importEventTypesSchema).mutation(importEventTypesHandler),
  // Bulk sync: admins start and cancel; every member of the company sees the progress.
  bulkSyncPreview: adminProcedure.input(bulkSyncPreviewSchema).query(bulkSyncPreviewHandler),
  bulkSync: adminProcedure.input(bulkSyncSchema).mutation(bulkSyncHandler),
  bulkSyncProgress: authedProcedure.input(bulkSyncProgressSchema).query(bulkSyncProgressHandler),
  bulkSyncCancel: adminProcedure.input(bulkSyncCancelSchema).mutation(bulkSyncCancelHandler),
  history: authedProcedure.input(historySchema).query(historyHandler),
  // Read like the sync history: anyone who may see the service.
  editHistory: authedProcedure.input(editHistorySchema).query(editHistoryHandler),
};
