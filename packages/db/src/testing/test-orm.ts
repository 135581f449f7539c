import { createOrm, type Orm } from "../orm";
import { DemoSeeder, type DemoSeederContext } from "../seed/demo-seeder";
import { createTestDatabase } from "./test-database";

export interface TestOrm {
  orm: Orm;
  url: string;
  /** Closes the ORM and drops the database. */
  close(): Promise<void>;
}

/**
 * The APP_SECRET the demo companies' keys are encrypted with in test databases: tests hand it to the
 * api or worker they start, so nothing depends on the development secret of a data dir.
 */
export const TEST_APP_SECRET = "askpro-test-app-secret-0123456789abcdef";

/** A fresh database with the real migrations applied, optionally with the demo data (keys under TEST_APP_SECRET). */
export async function createTestOrm(options: { seed?: boolean } = {}): Promise<TestOrm> {
  const database = await createTestDatabase();
  const orm = await createOrm(database.url, { pool: { max: 4 } });
  try {
    await orm.migrator.up();
    if (options.seed) await seedDemoData(orm, { appSecret: TEST_APP_SECRET });
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

/** What `orm.seeder.seed(DemoSeeder)` does, with a context: MikroORM's seed manager passes none. */
export async function seedDemoData(orm: Orm, context: DemoSeederContext): Promise<void> {
  const em = orm.em.fork();
  await new DemoSeeder().run(em, context);
  await em.flush();
}
