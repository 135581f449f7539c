import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { ADMIN_URL_KEY } from "./provided";

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty, uniquely named database on the run's server (see global-setup.ts). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject(ADMIN_URL_KEY);
  if (!adminUrl) {
    throw new Error("No test database server: add globalSetup: ['@askpro/db/testing/global-setup'] to vitest.config.ts");
  }
  const name = `askpro_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await adminQuery(adminUrl, (client) => `CREATE DATABASE ${client.escapeIdentifier(name)}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(adminUrl, (client) => `DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
  };
}

async function adminQuery(adminUrl: string, sql: (client: pg.Client) => string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql(client));
  } finally {
    await client.end();
  }
}
