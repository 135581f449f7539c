import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Company } from "./entities";
import { encryptSecret, SecretDecryptionError } from "./secrets";
import { lastFourOf, resolveCalcomApiKey, resolveCompanyCalcomApiKey } from "./secrets-calcom-key";
import { createTestOrm, TEST_APP_SECRET, type TestOrm } from "./testing";

const APP_SECRET = "unit-test-app-secret-0123456789abcdef";
const COMPANY_KEY = "cal_test_praxis_nord";
const GLOBAL_KEY = "cal_test_askpro_demo";

describe("resolveCalcomApiKey", () => {
  const stored = encryptSecret(COMPANY_KEY, APP_SECRET);

  it("prefers the company's own key, decrypted", () => {
    expect(resolveCalcomApiKey({ calcomApiKeyEncrypted: stored }, { appSecret: APP_SECRET, fallbackKey: GLOBAL_KEY })).toEqual({
      source: "company",
      apiKey: COMPANY_KEY,
    });
    expect(resolveCalcomApiKey({ calcomApiKeyEncrypted: stored }, { appSecret: APP_SECRET, fallbackKey: undefined }).source).toBe("company");
  });

  it("falls back to the global key, and to none without one", () => {
    expect(resolveCalcomApiKey({ calcomApiKeyEncrypted: null }, { appSecret: APP_SECRET, fallbackKey: GLOBAL_KEY })).toEqual({
      source: "global",
      apiKey: GLOBAL_KEY,
    });
    expect(resolveCalcomApiKey({ calcomApiKeyEncrypted: null }, { appSecret: APP_SECRET, fallbackKey: undefined })).toEqual({
      source: "none",
      apiKey: undefined,
    });
  });

  it("never swaps in the global key when the company's key cannot be decrypted", () => {
    const resolve = () => resolveCalcomApiKey({ calcomApiKeyEncrypted: stored }, { appSecret: "rotated-app-secret-0123456789abcdef", fallbackKey: GLOBAL_KEY });
    expect(resolve).toThrow(SecretDecryptionError);
  });

  it("refuses a company whose lazy key column was not loaded, rather than reading it as 'no key'", () => {
    expect(() => resolveCalcomApiKey({}, { appSecret: APP_SECRET, fallbackKey: GLOBAL_KEY })).toThrow(/not loaded: populate it/);
  });
});

describe("Cal.com key helpers", () => {
  it("shows the last four characters only", () => {
    expect(lastFourOf(COMPANY_KEY)).toBe("nord");
  });

});

describe("resolveCompanyCalcomApiKey", () => {
  let db: TestOrm;
  beforeAll(async () => {
    db = await createTestOrm({ seed: true });
  });
  afterAll(() => db.close());

  it("loads the lazy key column of a company loaded without it, then resolves as resolveCalcomApiKey", async () => {
    const em = db.orm.em.fork();
    const [nord, askpro] = [await em.findOneOrFail(Company, { slug: "praxis-nord" }), await em.findOneOrFail(Company, { slug: "askproai" })];
    expect(nord.calcomApiKeyEncrypted).toBeUndefined();
    const options = { appSecret: TEST_APP_SECRET, fallbackKey: GLOBAL_KEY };
    expect(await resolveCompanyCalcomApiKey(nord, options)).toEqual({ source: "company", apiKey: COMPANY_KEY });
    expect(await resolveCompanyCalcomApiKey(askpro, options)).toEqual({ source: "global", apiKey: GLOBAL_KEY });
  });
});
