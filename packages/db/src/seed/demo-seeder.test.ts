import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { composeEnv } from "@askpro/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appSecretEnv } from "../app-secret-env";
import { Company, Service, SyncAttempt, User } from "../entities";
import { verifyPassword } from "../password";
import { resolveCalcomApiKey } from "../secrets-calcom-key";
import { createTestOrm, seedDemoData, TEST_APP_SECRET, type TestOrm } from "../testing";
import { DEMO_COMPANIES, DEMO_PASSWORD } from "./demo-data";
import { DemoSeeder } from "./demo-seeder";

describe("DemoSeeder", () => {
  let db: TestOrm;
  beforeAll(async () => {
    db = await createTestOrm();
  });
  afterAll(() => db.close());

  const counts = async () => {
    const em = db.orm.em.fork();
    return {
      companies: await em.count(Company),
      users: await em.count(User),
      services: await em.count(Service),
      attempts: await em.count(SyncAttempt),
    };
  };

  it("loads the demo data of ARCHITECTURE.md", async () => {
    await seedDemoData(db.orm, { appSecret: TEST_APP_SECRET });
    const em = db.orm.em.fork();
    const askpro = await em.findOneOrFail(Company, { slug: "askproai" });
    expect(askpro).toMatchObject({ name: "AskProAI", calcomTeamId: 39203 });

    const quick = await em.findOneOrFail(Service, { company: askpro, slug: "15-minuten-schnellberatung" });
    expect(quick).toMatchObject({ name: "15 Minuten Schnellberatung", durationMinutes: 15, calcomEventTypeId: 3664712, syncStatus: "synced" });
    expect(quick.lastSyncedAt).toBeInstanceOf(Date);

    const statuses = (await em.find(Service, { company: askpro })).map((s) => [s.syncStatus, s.calcomEventTypeId, s.syncError]);
    expect(statuses).toContainEqual(["pending", expect.any(Number), null]);
    expect(statuses).toContainEqual(["error", expect.any(Number), expect.stringContaining("404")]);
    expect(statuses).toContainEqual(["never", null, null]);
    // Every synced demo service starts in step with Cal.com: the digest it remembers is of its own fields.
    const synced = await em.find(Service, { syncStatus: "synced" }, { populate: ["sentDigest"] });
    expect(synced.length).toBeGreaterThan(0);
    for (const service of synced) expect(service.syncedDigest).toBe(service.sentDigest);
    const failed = await em.findOneOrFail(Service, { company: askpro, syncStatus: "error" });
    expect(failed.syncReason).toMatchObject({ code: "event_type_not_found", status: 404 });

    const admin = await em.findOneOrFail(User, { email: "admin@askpro.test" }, { populate: ["passwordHash"] });
    expect(admin.role).toBe("admin");
    expect(await verifyPassword(DEMO_PASSWORD, admin.passwordHash)).toBe(true);
    expect(await em.findOneOrFail(User, { email: "viewer@askpro.test" })).toMatchObject({ role: "viewer" });

    const operator = await em.findOneOrFail(User, { email: "operator@askpro.test" }, { populate: ["passwordHash"] });
    expect(operator).toMatchObject({ role: "owner", company: null });
    expect(await verifyPassword(DEMO_PASSWORD, operator.passwordHash)).toBe(true);

    const nord = await em.findOneOrFail(Company, { slug: "praxis-nord" });
    expect(await em.findOneOrFail(User, { email: "admin@praxis-nord.test" })).toMatchObject({ role: "admin", company: nord });
    expect(await em.count(Service, { company: nord })).toBe(DEMO_COMPANIES.find((company) => company.slug === "praxis-nord")?.services.length);
  });

  it("gives Praxis Nord its own Cal.com key, encrypted with the APP_SECRET it is given; AskProAI uses the global key", async () => {
    const em = db.orm.em.fork();
    const load = (slug: string) => em.findOneOrFail(Company, { slug }, { populate: ["calcomApiKeyEncrypted"] });
    const [nord, askpro] = [await load("praxis-nord"), await load("askproai")];
    expect(nord.calcomApiKeyEncrypted).toMatch(/^v1:/);
    expect(nord.calcomApiKeyEncrypted).not.toContain("cal_test_praxis_nord");
    const options = { appSecret: TEST_APP_SECRET, fallbackKey: "cal_test_askpro_demo" };
    expect(resolveCalcomApiKey(nord, options)).toEqual({ source: "company", apiKey: "cal_test_praxis_nord" });
    expect(resolveCalcomApiKey(askpro, options)).toEqual({ source: "global", apiKey: "cal_test_askpro_demo" });
  });

  it("is idempotent and keeps edits made since", async () => {
    const em = db.orm.em.fork();
    const quick = await em.findOneOrFail(Service, { slug: "15-minuten-schnellberatung" });
    quick.description = "Edited while trying the product";
    await em.flush();
    const before = await counts();

    await seedDemoData(db.orm, { appSecret: TEST_APP_SECRET });
    expect(await counts()).toEqual(before);
    const reloaded = await db.orm.em.fork().findOneOrFail(Service, { slug: "15-minuten-schnellberatung" });
    expect(reloaded.description).toBe("Edited while trying the product");
  });

  it("refuses to run in production", async () => {
    const previous = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      await expect(db.orm.seeder.seed(DemoSeeder)).rejects.toThrow(/production/);
    } finally {
      process.env.NODE_ENV = previous;
    }
  });

  it("run as npm run seed runs it, encrypts under the APP_SECRET the api and the worker resolve from the same data dir", async () => {
    const fresh = await createTestOrm();
    const directory = mkdtempSync(join(tmpdir(), "askpro-seed-secret-"));
    const saved = { APP_SECRET: process.env.APP_SECRET, ASKPRO_DATA_DIR: process.env.ASKPRO_DATA_DIR };
    delete process.env.APP_SECRET;
    process.env.ASKPRO_DATA_DIR = directory;
    try {
      await fresh.orm.seeder.seed(DemoSeeder);
      const appSecret = composeEnv({ ASKPRO_DATA_DIR: directory }, (options) => appSecretEnv(options)).env.APP_SECRET;
      const nord = await fresh.orm.em.fork().findOneOrFail(Company, { slug: "praxis-nord" }, { populate: ["calcomApiKeyEncrypted"] });
      expect(resolveCalcomApiKey(nord, { appSecret, fallbackKey: undefined }).apiKey).toBe("cal_test_praxis_nord");
      expect(() => resolveCalcomApiKey(nord, { appSecret: TEST_APP_SECRET, fallbackKey: undefined })).toThrow(/cannot be decrypted/);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      rmSync(directory, { recursive: true, force: true });
      await fresh.close();
    }
  });
});
