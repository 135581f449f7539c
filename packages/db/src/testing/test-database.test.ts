import pg from "pg";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "./test-database";

async function databaseExists(url: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Boolean((await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount);
  } finally {
    await client.end();
  }
}

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
    expect(await databaseExists(two.url, nameOf(one.url))).toBe(true);

    await one.drop();
    expect(await databaseExists(two.url, nameOf(one.url))).toBe(false);
    await two.drop();
  });
});
