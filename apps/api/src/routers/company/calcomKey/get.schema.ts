export { type CompanyTargetInput as GetCalcomKeyInput, companyTargetSchema as getCalcomKeySchema } from "./companyTarget.schema";
