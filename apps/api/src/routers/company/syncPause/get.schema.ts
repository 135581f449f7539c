export { type CompanyTargetInput as GetSyncPauseInput, companyTargetSchema as getSyncPauseSchema } from "../calcomKey/companyTarget.schema";
