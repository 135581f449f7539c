import pg from "pg";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "./test-database";

async function queryOne(url: string, sql: string, params: unknown[] = []): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Boolean((await client.query(sql, params)).rowCount);
  } finally {
    await client.end();
  }
}

const databaseExists = (url: string, name: string) => queryOne(url, "SELECT 1 FROM pg_database WHERE datname = $1", [name]);
const tableExists = (url: string, name: string) => queryOne(url, "SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = $1", [name]);

describe("createTestDatabase", () => {
  it("creates separate empty databases and drops them", async () => {
    const one = await createTestDatabase();
    const two = await createTestDatabase();
    const nameOf = (url: string) => new URL(url).pathname.slice(1);
    expect(nameOf(one.url)).not.toBe(nameOf(two.url));

    const client = new pg.Client({ connectionString: one.url });
    await client.connect();
    await client.query("CREATE TABLE only_in_one (id int)");
    await client.end();
    expect(await tableExists(one.url, "only_in_one")).toBe(true);
    expect(await tableExists(two.url, "only_in_one")).toBe(false);
    expect(await databaseExists(two.url, nameOf(one.url))).toBe(true);

    await one.drop();
    expect(await databaseExists(two.url, nameOf(one.url))).toBe(false);
    await two.drop();
  });
});
