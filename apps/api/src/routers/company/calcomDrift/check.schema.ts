export { type CompanyTargetInput as CheckCalcomNowInput, companyTargetSchema as checkCalcomNowSchema } from "../calcomKey/companyTarget.schema";
