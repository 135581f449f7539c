export type JobsStore = "postgres" | "mongodb";

const MONGODB_URL = /^(mongodb(?:\+srv)?):\/\/(?:[^@/?#]*@)?([^/?#]*)(\/[^?#]*)?/i;

/** Where the jobs live: MongoDB for a `mongodb://` / `mongodb+srv://` JOBS_DB_URL, else the app's PostgreSQL. */
export function jobsStoreFor(jobsDbUrl: string | undefined): JobsStore {
  if (!jobsDbUrl?.trim()) return "postgres";
  if (MONGODB_URL.test(jobsDbUrl)) return "mongodb";
  // Only the scheme is repeated: the rest of the URL may hold a password.
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(jobsDbUrl)?.[1];
  throw new Error(
    `JOBS_DB_URL must be a mongodb:// or mongodb+srv:// URL${scheme ? ` (got a ${scheme}: URL)` : ""}, or unset to keep jobs in PostgreSQL`,
  );
}

/** A label for logs naming the job store, without user, password or query options. */
export function jobsBackendDescription(jobsDbUrl: string | undefined): string {
  if (!jobsDbUrl?.trim()) return "PostgreSQL (the application database)";
  const match = MONGODB_URL.exec(jobsDbUrl);
  if (!match) return "unsupported JOBS_DB_URL";
  const [, scheme, hosts, path] = match;
  return `MongoDB (${scheme?.toLowerCase()}://${hosts}${path ?? ""})`;
}
