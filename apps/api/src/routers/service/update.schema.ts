import { serviceUpdateSchema } from "@askpro/domain";

export const updateSchema = serviceUpdateSchema;

export type { ServiceUpdate as UpdateInput } from "@askpro/domain";
