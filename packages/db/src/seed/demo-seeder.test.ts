import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Company, Service, SyncAttempt, User } from "../entities";
import { verifyPassword } from "../password";
import { DEVELOPMENT_APP_SECRET } from "../secrets";
import { resolveCalcomApiKey } from "../secrets-calcom-key";
import { createTestOrm, type TestOrm } from "../testing";
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
    await db.orm.seeder.seed(DemoSeeder);
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

    const admin = await em.findOneOrFail(User, { email: "admin@askpro.test" }, { populate: ["passwordHash"] });
    expect(admin.role).toBe("admin");
    expect(await verifyPassword(DEMO_PASSWORD, admin.passwordHash)).toBe(true);
    expect(await em.findOneOrFail(User, { email: "viewer@askpro.test" })).toMatchObject({ role: "viewer" });

    const nord = await em.findOneOrFail(Company, { slug: "praxis-nord" });
    expect(await em.findOneOrFail(User, { email: "admin@praxis-nord.test" })).toMatchObject({ role: "admin", company: nord });
    expect(await em.count(Service, { company: nord })).toBe(DEMO_COMPANIES[1]?.services.length);
  });

  it("gives Praxis Nord its own Cal.com key, encrypted with the development APP_SECRET; AskProAI uses the global key", async () => {
    const em = db.orm.em.fork();
    const load = (slug: string) => em.findOneOrFail(Company, { slug }, { populate: ["calcomApiKeyEncrypted"] });
    const [nord, askpro] = [await load("praxis-nord"), await load("askproai")];
    expect(nord.calcomApiKeyEncrypted).toMatch(/^v1:/);
    expect(nord.calcomApiKeyEncrypted).not.toContain("cal_test_praxis_nord");
    const options = { appSecret: DEVELOPMENT_APP_SECRET, fallbackKey: "cal_test_askpro_demo" };
    expect(resolveCalcomApiKey(nord, options)).toEqual({ source: "company", apiKey: "cal_test_praxis_nord" });
    expect(resolveCalcomApiKey(askpro, options)).toEqual({ source: "global", apiKey: "cal_test_askpro_demo" });
  });

  it("is idempotent and keeps edits made since", async () => {
    const em = db.orm.em.fork();
    const quick = await em.findOneOrFail(Service, { slug: "15-minuten-schnellberatung" });
    quick.description = "Edited while trying the product";
    await em.flush();
    const before = await counts();

    await db.orm.seeder.seed(DemoSeeder);
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
});
