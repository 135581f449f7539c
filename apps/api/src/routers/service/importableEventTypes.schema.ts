export {
  type CompanyTargetInput as ImportableEventTypesInput,
  companyTargetSchema as importableEventTypesSchema,
} from "../company/calcomKey/companyTarget.schema";
