import { createServer } from "node:net";
import { type CalcomSandbox, startCalcomSandbox } from "@askpro/calcom/sandbox";
import { Company } from "@askpro/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestbed, rejectionOf, type Testbed } from "../../../../test/support/testbed";

const ASKPRO_KEY = "cal_test_askpro_demo";
/** A well-formed key the sandbox does not know: Cal.com answers 401 to it. */
const REVOKED_KEY = "cal_live_0123456789abcdef0123456789abdead";

/** A port nothing listens on: connections to it are refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("company.calcomConnection.test (Test connection), against the sandbox", () => {
  let sandbox: CalcomSandbox;
  let testbed: Testbed;
  let askproId: string;
  let praxisId: string;

  beforeAll(async () => {
    sandbox = await startCalcomSandbox();
    testbed = await createTestbed({ env: { CALCOM_API_URL: sandbox.url, CALCOM_API_KEY: ASKPRO_KEY } });
    const em = testbed.orm.em.fork();
    askproId = (await em.findOneOrFail(Company, { slug: "askproai" })).id;
    praxisId = (await em.findOneOrFail(Company, { slug: "praxis-nord" })).id;
  });
  afterAll(async () => {
    await testbed.close();
    await sandbox.stop();
  });

  /** Runs with the company's own key set to `key`, then clears it again. */
  async function withCompanyKey<T>(key: string, run: () => Promise<T>): Promise<T> {
    const admin = await testbed.signedIn("admin@askpro.test");
    await admin.company.calcomKey.set({ apiKey: key });
    try {
      return await run();
    } finally {
      await admin.company.calcomKey.clear();
    }
  }

  it("works with a good key: says whose key it is and that the team is readable, never the key", async () => {
    const admin = await testbed.signedIn("admin@askpro.test");
    const sent = sandbox.requests.length;

    const check = await admin.company.calcomConnection.test();

    expect(check).toEqual({
      ok: true,
      problem: null,
      reason: null,
      keySource: "global",
      keyOwner: { id: 1201, username: "askproai", email: "cal@askproai.test" },
      teamId: 39203,
      teamReadable: true,
      teamEventTypeCount: 8,
      checkedAt: expect.any(String),
    });
    expect(JSON.stringify(check)).not.toContain(ASKPRO_KEY);
    // Really asked Cal.com: whom the key belongs to, the team's list, and one of its event types with the key.
    expect(sandbox.requests.slice(sent).map((request) => [request.method, request.path, request.status])).toEqual([
      ["GET", "/v2/me", 200],
      ["GET", "/v2/teams/39203/event-types", 200],
      ["GET", "/v2/teams/39203/event-types/3664712", 200],
    ]);
  });

  it("uses the company's own key: Praxis Nord's is read as its user's", async () => {
    const praxis = await testbed.signedIn("admin@praxis-nord.test");
    expect(await praxis.company.calcomConnection.test()).toMatchObject({
      ok: true,
      keySource: "company",
      keyOwner: { id: 1202, username: "praxis-nord" },
      teamId: 39204,
      teamReadable: true,
    });
  });

  it("says a key Cal.com rejects is invalid (401), without repeating it", async () => {
    const check = await withCompanyKey(REVOKED_KEY, async () => (await testbed.signedIn("admin@askpro.test")).company.calcomConnection.test());

    expect(check).toMatchObject({ ok: false, problem: "invalid_key", reason: "Cal.com rejected the API key (401)", keySource: "company", keyOwner: null, teamReadable: null });
    expect(JSON.stringify(check)).not.toContain(REVOKED_KEY.slice(-12));
  });

  it("says the team is not readable when the key's user is not in the company's team (403 on its event type; the list is public)", async () => {
    const check = await withCompanyKey("cal_test_praxis_nord", async () => (await testbed.signedIn("admin@askpro.test")).company.calcomConnection.test());

    expect(check).toMatchObject({
      ok: false,
      problem: "team_not_readable",
      keyOwner: { username: "praxis-nord" },
      teamId: 39203,
      teamReadable: false,
      reason: "The key's user cannot read Cal.com team 39203: not a member, or no such team (403)",
    });
  });

  it("says Cal.com is unreachable when nothing answers at CALCOM_API_URL", async () => {
    const admin = await testbed.signedIn("admin@askpro.test");
    const saved = testbed.env.CALCOM_API_URL;
    testbed.env.CALCOM_API_URL = `http://127.0.0.1:${await closedPort()}`;
    try {
      expect(await admin.company.calcomConnection.test()).toMatchObject({ ok: false, problem: "unreachable", reason: "Cal.com could not be reached (network error)", keyOwner: null });
    } finally {
      testbed.env.CALCOM_API_URL = saved;
    }
  });

  it("says a 5xx of Cal.com is Cal.com's own error, and no key at all is no key", async () => {
    const admin = await testbed.signedIn("admin@askpro.test");
    sandbox.setFault("GET /v2/me", { kind: "status", status: 503 }, 1);
    expect(await admin.company.calcomConnection.test()).toMatchObject({ ok: false, problem: "calcom_error", reason: "Cal.com had a server error (503)" });

    const saved = testbed.env.CALCOM_API_KEY;
    testbed.env.CALCOM_API_KEY = undefined;
    try {
      expect(await admin.company.calcomConnection.test()).toMatchObject({ ok: false, problem: "no_key", keySource: "none" });
    } finally {
      testbed.env.CALCOM_API_KEY = saved;
    }
  });

  it("is FORBIDDEN to a viewer, NOT_FOUND for another company, and answers a platform operator for the company they name", async () => {
    const viewer = await testbed.signedIn("viewer@askpro.test");
    expect((await rejectionOf(viewer.company.calcomConnection.test())).code).toBe("FORBIDDEN");
    const askpro = await testbed.signedIn("admin@askpro.test");
    expect((await rejectionOf(askpro.company.calcomConnection.test({ companyId: praxisId }))).code).toBe("NOT_FOUND");
    const operator = await testbed.operator();
    expect((await rejectionOf(operator.company.calcomConnection.test())).code).toBe("BAD_REQUEST");
    expect(await operator.company.calcomConnection.test({ companyId: askproId })).toMatchObject({ ok: true, keyOwner: { username: "askproai" } });
  });
});
