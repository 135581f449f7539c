import { join } from "node:path";
import { Migrator } from "@mikro-orm/migrations";
import { type EntityManager, MikroORM, type Options } from "@mikro-orm/postgresql";
import { SeedManager } from "@mikro-orm/seeder";
import { entities } from "./entities";
import { migrations } from "./migrations";
import { DemoSeeder } from "./seed/demo-seeder";

export type Orm = MikroORM;
export type { EntityManager };

/** Where `npm run migration:create` writes new migrations (source tree, not the bundle). */
export const MIGRATIONS_SOURCE_DIR = join(import.meta.dirname, "migrations");

export function ormConfig(url: string): Options {
  return {
    clientUrl: url,
    entities,
    extensions: [Migrator, SeedManager],
    // Migrations and seeders are listed in code rather than globbed from disk, so they survive bundling.
    migrations: {
      migrationsList: migrations,
      tableName: "mikro_orm_migrations",
      snapshot: false,
      silent: true,
    },
    seeder: { seedersList: [DemoSeeder] },
    forceUtcTimezone: true,
    pool: { max: 10 },
  };
}

export function createOrm(url: string, overrides: Partial<Options> = {}): Promise<Orm> {
  return MikroORM.init({ ...ormConfig(url), ...overrides });
}
