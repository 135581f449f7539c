export { type CompanyTargetInput as GetAutoSyncInput, companyTargetSchema as getAutoSyncSchema } from "../calcomKey/companyTarget.schema";
