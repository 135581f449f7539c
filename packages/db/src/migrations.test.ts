import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrm, type Orm } from "./orm";
import { createTestDatabase, type TestDatabase } from "./testing";

describe("migrations", () => {
  let database: TestDatabase;
  let orm: Orm;
  beforeAll(async () => {
    database = await createTestDatabase();
    orm = await createOrm(database.url);
  });
  afterAll(async () => {
    await orm.close();
    await database.drop();
  });

  it("apply to an empty database and leave nothing between the schema and the entities", async () => {
    expect((await orm.migrator.getPending()).length).toBeGreaterThan(0);
    await orm.migrator.up();
    expect(await orm.migrator.getPending()).toEqual([]);
    expect(await orm.schema.getUpdateSchemaSQL({ wrap: false })).toBe("");
  });

  it("can be rolled back completely", async () => {
    await orm.migrator.down({ to: 0 });
    const tables = await orm.em.getConnection().execute<{ tablename: string }[]>(
      "select tablename from pg_tables where schemaname = 'public' and tablename <> 'mikro_orm_migrations'",
    );
    expect(tables).toEqual([]);
    await orm.migrator.up();
  });
});
