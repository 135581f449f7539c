export { appSecretEnv } from "./app-secret-env";
export { databaseEnv } from "./database-env";
