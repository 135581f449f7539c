import { calcomBudgetKeyId } from "@askpro/calcom";
import { type CalcomSandbox, startCalcomSandbox } from "@askpro/calcom/sandbox";
import { Company } from "@askpro/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestbed, type Testbed } from "../../../test/support/testbed";

const GLOBAL_KEY = "cal_test_askpro_demo";
/** Praxis Nord's own key, stored encrypted by the demo seed. */
const PRAXIS_KEY = "cal_test_praxis_nord";
/** A short window, so that one ends during the test. */
const RATE_LIMIT = { limit: 40, windowMs: 2_000, blockMs: 2_000 };

describe("operations.overview: each company's Cal.com rate budget in the current window, against the sandbox", () => {
  let sandbox: CalcomSandbox;
  let testbed: Testbed;
  let askpro: Company;
  let praxis: Company;
  let encryptedPraxisKey: string;

  beforeAll(async () => {
    sandbox = await startCalcomSandbox({ rateLimit: RATE_LIMIT });
    testbed = await createTestbed({ env: { CALCOM_API_URL: sandbox.url, CALCOM_API_KEY: GLOBAL_KEY } });
    const em = testbed.orm.em.fork();
    askpro = await em.findOneOrFail(Company, { slug: "askproai" });
    praxis = await em.findOneOrFail(Company, { slug: "praxis-nord" }, { populate: ["calcomApiKeyEncrypted"] });
    encryptedPraxisKey = praxis.calcomApiKeyEncrypted as string;
  });
  afterAll(async () => {
    await testbed.close();
    await sandbox.stop();
  });

  /** The Cal.com requests `run` sends (the sandbox redacts the key, so they are counted around the call). */
  async function requestsOf(run: () => Promise<unknown>): Promise<number> {
    const before = sandbox.requests.length;
    await run();
    return sandbox.requests.length - before;
  }

  /** Nothing that is, or stands for, a key: the keys, their budget ids, the stored ciphertext. */
  function expectNothingKeyLike(answer: unknown) {
    const text = JSON.stringify(answer);
    for (const secret of [GLOBAL_KEY, PRAXIS_KEY, calcomBudgetKeyId(GLOBAL_KEY, sandbox.url), calcomBudgetKeyId(PRAXIS_KEY, sandbox.url), encryptedPraxisKey]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toMatch(/cal_(test|live)_|[0-9a-f]{64}/);
  }

  it("shows the used count and limit of the company's own key after a call through the budget; an admin sees only their own company's; the shared key is marked", async () => {
    const operator = await testbed.operator();
    const before = await operator.operations.overview();
    expect(before.companies.find((row) => row.companyId === praxis.id)?.rateBudget).toEqual({ sharedKey: false, hasKey: true, window: null });
    expect(before.companies.find((row) => row.companyId === askpro.id)?.rateBudget).toEqual({ sharedKey: true, hasKey: true, window: null });

    const praxisAdmin = await testbed.signedIn("admin@praxis-nord.test");
    const sent = await requestsOf(async () => expect(await praxisAdmin.company.calcomConnection.test()).toMatchObject({ ok: true, keySource: "company" }));
    expect(sent).toBeGreaterThan(0);

    const own = await praxisAdmin.operations.overview();
    expect(own.companies.map((row) => row.companyId)).toEqual([praxis.id]);
    const budget = own.companies[0]?.rateBudget;
    expect(budget).toMatchObject({ sharedKey: false, hasKey: true, window: { used: sent, limit: RATE_LIMIT.limit } });
    expect(Date.parse(budget?.window?.windowEndsAt ?? "")).toBeGreaterThan(Date.now());
    expectNothingKeyLike(own);

    // The global key was not used: AskProAI's admin sees no window, and only AskProAI.
    const askproAdmin = await testbed.signedIn("admin@askpro.test");
    const askproOwn = await askproAdmin.operations.overview();
    expect(askproOwn.companies.map((row) => [row.companyId, row.rateBudget])).toEqual([[askpro.id, { sharedKey: true, hasKey: true, window: null }]]);
    expectNothingKeyLike(askproOwn);

    // A call with the shared key counts in AskProAI's budget, not in Praxis Nord's.
    const sentShared = await requestsOf(async () => expect(await askproAdmin.company.calcomConnection.test()).toMatchObject({ ok: true, keySource: "global" }));
    const all = await operator.operations.overview();
    expect(all.companies.find((row) => row.companyId === askpro.id)?.rateBudget).toMatchObject({
      sharedKey: true,
      window: { used: sentShared, limit: RATE_LIMIT.limit },
    });
    expect(all.companies.find((row) => row.companyId === praxis.id)?.rateBudget.window).toMatchObject({ used: sent });
    expectNothingKeyLike(all);
  });

  it("shows no window once the key's window has ended", async () => {
    const praxisAdmin = await testbed.signedIn("admin@praxis-nord.test");
    await praxisAdmin.company.calcomConnection.test();
    const windowEndsAt = (await praxisAdmin.operations.overview()).companies[0]?.rateBudget.window?.windowEndsAt;
    expect(windowEndsAt).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(windowEndsAt as string) - Date.now()) + 200));
    expect((await praxisAdmin.operations.overview()).companies[0]?.rateBudget).toEqual({ sharedKey: false, hasKey: true, window: null });
  });
});
