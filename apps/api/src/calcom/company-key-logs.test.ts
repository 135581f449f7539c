import { randomUUID } from "node:crypto";
import { type CalcomSandbox, startCalcomSandbox } from "@askpro/calcom/sandbox";
import { Service } from "@askpro/db";
import { createTestOrm, type TestOrm } from "@askpro/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyOf, capturingLogger, type ListeningApp, listen, postJson, signInOverHttp, type TrpcErrorBody } from "../../test/support/http";
import { DEMO_PASSWORD, testEnv } from "../../test/support/testbed";

/** The sandbox's Praxis Nord user, member of team 39204 (the global key's user is not). */
const PRAXIS_USER = 1202;

describe("a company's own Cal.com key over HTTP, with every log line captured", () => {
  let db: TestOrm;
  let sandbox: CalcomSandbox;
  let app: ListeningApp;
  let log: ReturnType<typeof capturingLogger>;
  let cookie: string;
  let serviceId: string;
  const companyKey = `cal_live_${randomUUID().replaceAll("-", "")}`;
  const revokedKey = `cal_live_${randomUUID().replaceAll("-", "")}`;

  beforeAll(async () => {
    [db, sandbox] = await Promise.all([createTestOrm({ seed: true }), startCalcomSandbox()]);
    sandbox.addApiKey(companyKey, PRAXIS_USER);
    // The most verbose level: whatever a log call carries is in the output.
    log = capturingLogger("trace");
    const env = testEnv(db.url, { CALCOM_API_URL: sandbox.url, CALCOM_API_KEY: "cal_test_askpro_demo", LOG_LEVEL: "trace" });
    app = await listen({ orm: db.orm, env, logger: log.logger });
    cookie = await signInOverHttp(app.url, "admin@praxis-nord.test", DEMO_PASSWORD);
    serviceId = (await db.orm.em.fork().findOneOrFail(Service, { slug: "krankengymnastik" })).id;
  });
  afterAll(async () => {
    await app.close();
    await Promise.all([db.close(), sandbox.stop()]);
  });

  const call = (path: string, body: unknown) => postJson(`${app.url}/trpc/${path}`, body, { cookie, origin: app.url });
  const preview = async () => {
    const response = await fetch(`${app.url}/trpc/service.syncPreview?input=${encodeURIComponent(JSON.stringify({ id: serviceId }))}`, { headers: { cookie } });
    return (await bodyOf<{ result: { data: { calcom: unknown } } }>(response)).result.data;
  };

  it("sets the key, previews and queues a sync with it, and no log line or answer holds it", async () => {
    const set = await call("company.calcomKey.set", { apiKey: companyKey });
    const setText = await set.text();
    expect(set.status).toBe(200);
    expect(JSON.parse(setText)).toEqual({ result: { data: { configured: true, last4: companyKey.slice(-4), source: "company" } } });

    // Team 39204 answers only the company's key: a readable preview proves it was used.
    const previewed = await preview();
    expect(previewed.calcom).toEqual({ readable: true });
    const read = sandbox.requests.find((request) => request.path === "/v2/teams/39204/event-types/3664802");
    expect(read?.status).toBe(200);

    const sync = await call("service.sync", { id: serviceId });
    expect(await sync.json()).toMatchObject({ result: { data: { outcome: "queued" } } });

    expect(log.lines.length).toBeGreaterThan(5);
    expect(log.text()).toContain("calcom-key-set");
    for (const text of [log.text(), setText, JSON.stringify(previewed)]) expect(text).not.toContain(companyKey);
  });

  it("explains a key Cal.com rejects without showing it, in the preview and the logs", async () => {
    expect((await call("company.calcomKey.set", { apiKey: revokedKey })).status).toBe(200);
    const previewed = await preview();
    expect(previewed.calcom).toEqual({ readable: false, reason: "Cal.com rejected the API key (401)" });
    expect(log.text()).not.toContain(revokedKey);
  });

  it("refuses a malformed key without repeating it in the answer or the logs", async () => {
    const malformed = `Bearer ${companyKey}`;
    const response = await call("company.calcomKey.set", { apiKey: malformed });
    const text = await response.text();
    expect(response.status).toBe(400);
    expect((JSON.parse(text) as TrpcErrorBody).error.data.zodIssues?.map((issue) => issue.path.join("."))).toEqual(["apiKey"]);
    for (const output of [text, log.text()]) expect(output).not.toContain(companyKey);
  });
});
