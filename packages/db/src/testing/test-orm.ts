import { createOrm, type Orm } from "../orm";
import { DemoSeeder } from "../seed/demo-seeder";
import { createTestDatabase } from "./test-database";

export interface TestOrm {
  orm: Orm;
  url: string;
  /** Closes the ORM and drops the database. */
  close(): Promise<void>;
}

/** A fresh database with the real migrations applied, optionally with the demo data. */
export async function createTestOrm(options: { seed?: boolean } = {}): Promise<TestOrm> {
  const database = await createTestDatabase();
  const orm = await createOrm(database.url, { pool: { max: 4 } });
  try {
    await orm.migrator.up();
    if (options.seed) await orm.seeder.seed(DemoSeeder);
  } catch (error) {
    await orm.close();
    await database.drop();
    throw error;
  }
  return {
    orm,
    url: database.url,
    close: async () => {
      await orm.close();
      await database.drop();
    },
  };
}
