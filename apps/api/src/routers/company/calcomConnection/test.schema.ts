export { type CompanyTargetInput as TestCalcomConnectionInput, companyTargetSchema as testCalcomConnectionSchema } from "../calcomKey/companyTarget.schema";
