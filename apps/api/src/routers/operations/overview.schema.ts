import { z } from "zod";

/** No input: the caller's scope decides (an operator: every company; an admin: their own). */
export const operationsOverviewSchema = z.object({}).strict().optional();

export type OperationsOverviewInput = z.infer<typeof operationsOverviewSchema>;
