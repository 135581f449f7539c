export { type CompanyTargetInput as GetCalcomAssignmentInput, companyTargetSchema as getCalcomAssignmentSchema } from "../calcomKey/companyTarget.schema";
