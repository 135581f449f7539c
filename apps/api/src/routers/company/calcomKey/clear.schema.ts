export { type CompanyTargetInput as ClearCalcomKeyInput, companyTargetSchema as clearCalcomKeySchema } from "./companyTarget.schema";
