import { adminProcedure } from "../../trpc";
import { operationsOverviewHandler } from "./overview.handler";
import { operationsOverviewSchema } from "./overview.schema";
import { retrySyncHandler } from "./retry.handler";
import { retrySyncSchema } from "./retry.schema";
import { retryAllFailedHandler } from "./retryAllFailed.handler";
import { retryAllFailedSchema } from "./retryAllFailed.schema";

/** The operations page: platform operators see every company, owners and admins their own; viewers none. */
export const operationsRouter = {
  overview: adminProcedure.input(operationsOverviewSchema).query(operationsOverviewHandler),
  retry: adminProcedure.input(retrySyncSchema).mutation(retrySyncHandler),
  retryAllFailed: adminProcedure.input(retryAllFailedSchema).mutation(retryAllFailedHandler),
};
