export { serviceUpdateSchema as updateSchema } from "@askpro/domain";
export type { ServiceUpdate as UpdateInput } from "@askpro/domain";
