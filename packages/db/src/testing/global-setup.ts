/**
 * Vitest globalSetup: one PostgreSQL server per vitest run, shared by every test file, which each
 * create their own databases on it (createTestDatabase / createTestOrm). With DATABASE_URL set, the
 * same suite runs against that server instead of an embedded one.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../embedded";
import { ADMIN_URL_KEY } from "./provided";

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (process.env.DATABASE_URL) {
    project.provide(ADMIN_URL_KEY, process.env.DATABASE_URL);
    return undefined;
  }
  const directory = mkdtempSync(join(tmpdir(), "askpro-test-pg-"));
  try {
    const server = await startEmbeddedPostgres({ dataDir: directory, ephemeral: true });
    project.provide(ADMIN_URL_KEY, server.adminUrl);
    return async () => {
      await server.stop();
      rmSync(directory, { recursive: true, force: true });
    };
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
}
