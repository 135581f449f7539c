import { Company, decryptSecret } from "@askpro/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestbed, rejectionOf, type Testbed } from "../../../../test/support/testbed";

const NEW_KEY = "cal_live_0123456789abcdef0123456789ab9f3e";

describe("company.calcomKey", () => {
  let testbed: Testbed;
  let askproId: string;
  let praxisId: string;
  beforeAll(async () => {
    testbed = await createTestbed({ env: { CALCOM_API_KEY: "cal_test_askpro_demo" } });
    const em = testbed.orm.em.fork();
    askproId = (await em.findOneOrFail(Company, { slug: "askproai" })).id;
    praxisId = (await em.findOneOrFail(Company, { slug: "praxis-nord" })).id;
  });
  afterAll(() => testbed.close());

  const storedKey = async (id: string) =>
    (await testbed.orm.em.fork().findOneOrFail(Company, { id }, { populate: ["calcomApiKeyEncrypted"] })).calcomApiKeyEncrypted;

  it("tells which key a company uses, by its last four characters only", async () => {
    const praxis = await testbed.signedIn("admin@praxis-nord.test");
    expect(await praxis.company.calcomKey.get()).toEqual({ configured: true, last4: "nord", source: "company" });
    const askpro = await testbed.signedIn("admin@askpro.test");
    expect(await askpro.company.calcomKey.get()).toEqual({ configured: false, last4: null, source: "global" });
  });

  it("stores a new key encrypted and answers without echoing it", async () => {
    const admin = await testbed.signedIn("admin@askpro.test");
    const answer = await admin.company.calcomKey.set({ apiKey: `  ${NEW_KEY} ` });

    expect(answer).toEqual({ configured: true, last4: "9f3e", source: "company" });
    expect(JSON.stringify(answer)).not.toContain(NEW_KEY.slice(0, -4));
    const stored = (await storedKey(askproId)) ?? "";
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain(NEW_KEY);
    expect(decryptSecret(stored, testbed.env.APP_SECRET)).toBe(NEW_KEY);
    expect(await admin.company.calcomKey.get()).toEqual(answer);
  });

  it("clears the key: the company falls back to the global one, or to none without it", async () => {
    const admin = await testbed.signedIn("admin@askpro.test");
    await admin.company.calcomKey.set({ apiKey: NEW_KEY });
    expect(await admin.company.calcomKey.clear()).toEqual({ configured: false, last4: null, source: "global" });
    expect(await storedKey(askproId)).toBeNull();

    const saved = testbed.env.CALCOM_API_KEY;
    testbed.env.CALCOM_API_KEY = undefined;
    try {
      expect(await admin.company.calcomKey.get()).toEqual({ configured: false, last4: null, source: "none" });
    } finally {
      testbed.env.CALCOM_API_KEY = saved;
    }
  });

  it.each([
    ["no cal_ prefix", "live_0123456789abcdef"],
    ["a bearer header pasted whole", `Bearer ${NEW_KEY}`],
    ["spaces inside", "cal_live_0123 456789"],
    ["too short", "cal_ab"],
    ["too long", `cal_live_${"a".repeat(300)}`],
  ])("refuses %s as BAD_REQUEST without repeating the value, and keeps the stored key", async (_, apiKey) => {
    const admin = await testbed.signedIn("admin@praxis-nord.test");
    const before = await storedKey(praxisId);
    const error = await rejectionOf(admin.company.calcomKey.set({ apiKey }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(JSON.stringify({ message: error.message, cause: error.cause })).not.toContain(apiKey.slice(0, 40));
    expect(await storedKey(praxisId)).toBe(before);
  });

  it("says the stored key is configured but unreadable when APP_SECRET changed, never showing a part of it", async () => {
    const admin = await testbed.signedIn("admin@praxis-nord.test");
    const saved = testbed.env.APP_SECRET;
    testbed.env.APP_SECRET = "a-rotated-app-secret-0123456789abcdef";
    try {
      expect(await admin.company.calcomKey.get()).toEqual({ configured: true, last4: null, source: "company" });
    } finally {
      testbed.env.APP_SECRET = saved;
    }
  });

  it("is FORBIDDEN to a viewer, NOT_FOUND for another company, UNAUTHORIZED when signed out", async () => {
    const viewer = await testbed.signedIn("viewer@askpro.test");
    for (const call of [() => viewer.company.calcomKey.get(), () => viewer.company.calcomKey.set({ apiKey: NEW_KEY }), () => viewer.company.calcomKey.clear()]) {
      expect((await rejectionOf(call())).code).toBe("FORBIDDEN");
    }
    const askpro = await testbed.signedIn("admin@askpro.test");
    const before = await storedKey(praxisId);
    expect((await rejectionOf(askpro.company.calcomKey.get({ companyId: praxisId }))).code).toBe("NOT_FOUND");
    expect((await rejectionOf(askpro.company.calcomKey.set({ companyId: praxisId, apiKey: NEW_KEY }))).code).toBe("NOT_FOUND");
    expect((await rejectionOf(askpro.company.calcomKey.clear({ companyId: praxisId }))).code).toBe("NOT_FOUND");
    expect(await storedKey(praxisId)).toBe(before);
    expect((await rejectionOf(testbed.browser().api.company.calcomKey.get())).code).toBe("UNAUTHORIZED");
  });

  it("lets a platform operator manage a company they name, and asks them to name one", async () => {
    const operator = await testbed.operator();
    expect((await rejectionOf(operator.company.calcomKey.get())).code).toBe("BAD_REQUEST");
    expect(await operator.company.calcomKey.get({ companyId: praxisId })).toMatchObject({ configured: true, source: "company" });
  });
});
