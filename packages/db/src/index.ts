export { dataDir, recordDatabaseUrl, resolveDatabaseUrl } from "./database-url";
export { type EmbeddedPostgres, type StartEmbeddedPostgresOptions, startEmbeddedPostgres } from "./embedded";
