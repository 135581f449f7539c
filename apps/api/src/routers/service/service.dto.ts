/** What the api returns for a service: mapped in one place, @askpro/db's service repository. */
export type { ServiceDto } from "@askpro/db";
