import type { EntityManager } from "@mikro-orm/core";
import { Seeder } from "@mikro-orm/seeder";
import { Company, Service, SyncAttempt, User } from "../entities";
import { hashPassword } from "../password";
import { composeEnv, EnvError } from "@askpro/env";
import { appSecretEnv } from "../app-secret-env";
import { encryptSecret } from "../secrets";
import { sentFieldsDigest } from "../services/sent-digest";
import { describeSyncReason } from "@askpro/domain";
import { DEMO_COMPANIES, DEMO_OPERATORS, DEMO_PASSWORD, type DemoCompany, type DemoService } from "./demo-data";

/**
 * Loads the demo data of ARCHITECTURE.md. Creates only what is missing, so re-running it (every
 * `npm run dev`) neither duplicates rows nor undoes edits made while trying the product.
 */
export class DemoSeeder extends Seeder<DemoSeederContext> {
  async run(em: EntityManager, context?: DemoSeederContext): Promise<void> {
    if (process.env.NODE_ENV === "production") {
      throw new Error("Refusing to load demo data with NODE_ENV=production");
    }
    const appSecret = context?.appSecret ?? appSecretOfThisEnvironment();
    await em.transactional(async (tx) => {
      for (const demo of DEMO_COMPANIES) await seedCompany(tx, demo, appSecret);
      for (const { email, role } of DEMO_OPERATORS) {
        if (!(await tx.findOne(User, { email }))) tx.create(User, { email, role, company: null, passwordHash: await hashPassword(DEMO_PASSWORD) });
      }
    });
  }
}

export interface DemoSeederContext {
  /** Encrypts the demo companies' own Cal.com keys; unset: the APP_SECRET the api and the worker of this environment resolve. */
  appSecret?: string;
}

function appSecretOfThisEnvironment(): string {
  const { env, problems } = composeEnv(process.env, (options) => appSecretEnv(options));
  if (problems.length > 0) throw new EnvError(problems);
  return env.APP_SECRET;
}

async function seedCompany(em: EntityManager, demo: DemoCompany, appSecret: string): Promise<void> {
  const company =
    (await em.findOne(Company, { slug: demo.slug })) ??
    em.create(Company, {
      name: demo.name,
      slug: demo.slug,
      calcomTeamId: demo.calcomTeamId,
      calcomApiKeyEncrypted: demo.calcomApiKey ? encryptSecret(demo.calcomApiKey, appSecret) : null,
    });

  for (const { email, role } of demo.users) {
    if (await em.findOne(User, { email })) continue;
    em.create(User, { email, role, company, passwordHash: await hashPassword(DEMO_PASSWORD) });
  }

  for (const demoService of demo.services) {
    if (await em.findOne(Service, { company, slug: demoService.slug })) continue;
    seedService(em, company, demoService);
  }
}

function seedService(em: EntityManager, company: Company, { syncStatus, syncReason, ...input }: DemoService): void {
  const now = new Date();
  const syncError = syncReason ? describeSyncReason(syncReason) : null;
  const service = em.create(Service, {
    ...input,
    company,
    syncStatus,
    syncError,
    syncReason: syncReason ?? null,
    // A synced demo service holds what Cal.com holds: not "Changed since last sync" until edited.
    syncedDigest: syncStatus === "synced" ? sentFieldsDigest({ ...input, description: input.description ?? "" }) : null,
    lastSyncedAt: syncStatus === "synced" ? now : null,
    lastSyncAttemptAt: syncStatus === "never" ? null : now,
  });
  if (syncStatus === "never") return;
  // A history that matches the status, so the view page has something to show.
  em.create(SyncAttempt, {
    service,
    requestedAt: now,
    startedAt: syncStatus === "pending" ? null : now,
    finishedAt: syncStatus === "pending" ? null : now,
    outcome: syncStatus === "synced" ? "succeeded" : syncStatus === "error" ? "failed" : null,
    httpStatus: syncStatus === "synced" ? 200 : syncStatus === "error" ? 404 : null,
    calcomErrorCode: syncStatus === "error" ? "NotFoundException" : null,
    errorMessage: syncError,
    reason: syncReason ?? null,
  });
}
