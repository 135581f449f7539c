export { type CompanyTargetInput as CalcomDriftStatusInput, companyTargetSchema as calcomDriftStatusSchema } from "../calcomKey/companyTarget.schema";
