import { serviceUpdateSchema } from "@askpro/domain";
import { storedPriceCents } from "./stored-bounds";

export const updateSchema = serviceUpdateSchema.extend({ priceCents: storedPriceCents });

export type { ServiceUpdate as UpdateInput } from "@askpro/domain";
