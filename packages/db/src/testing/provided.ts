export const ADMIN_URL_KEY = "askproDatabaseAdminUrl";

declare module "vitest" {
  export interface ProvidedContext {
    askproDatabaseAdminUrl: string;
  }
}
