import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { createCalcomClient } from "@askpro/calcom";
import { type CalcomSandbox, type RateLimitOptions, startCalcomSandbox } from "@askpro/calcom/sandbox";
import { calcomRateBudgetStore, Company, Service } from "@askpro/db";
import { createTestOrm, type TestOrm } from "@askpro/db/testing";
import { serviceInputFromEventType } from "@askpro/domain";
import { checkDrift } from "@askpro/sync";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ASKPRO_TEAM, ASKPRO_USER, TEST_APP_SECRET } from "./support/testbed";

/** Team event types of AskProAI in the sandbox's fixture (a service links to one event type at most). */
const FIRST = [3664712, 3664713];
const SECOND = [3664714, 3664715];
const THIRD = [3664717];

/**
 * The drift check spends at most its share (DRIFT_BUDGET_SHARE) of each window of the key's shared
 * budget (real PostgreSQL, real HTTP to a sandbox with a small limit): over a key near its limit it
 * waits for the next window, earns no 429, and the window's last requests stay the syncs'.
 */
describe("the drift check's share of a Cal.com key's rate budget", () => {
  /** 10 requests per 2 s; a 429 blocks for 10 s, which would show in the durations below. */
  const SMALL: RateLimitOptions = { limit: 10, windowMs: 2_000, blockMs: 10_000 };
  let db: TestOrm;
  let sandbox: CalcomSandbox;
  beforeAll(async () => {
    [db, sandbox] = await Promise.all([createTestOrm(), startCalcomSandbox({ rateLimit: SMALL })]);
  });
  afterAll(async () => {
    await sandbox?.stop();
    await db?.close();
  });

  async function linkedCompany(eventTypeIds: number[]) {
    const em = db.orm.em.fork();
    const company = em.create(Company, { name: "AskProAI", slug: `askproai-${randomUUID().slice(0, 8)}`, calcomTeamId: ASKPRO_TEAM });
    for (const id of eventTypeIds) {
      const eventType = sandbox.getEventType(id);
      if (!eventType) throw new Error(`no event type ${id} in the sandbox`);
      em.create(Service, { ...serviceInputFromEventType(eventType, id), company, syncStatus: "synced" });
    }
    await em.flush();
    return company;
  }

  function freshKey() {
    const key = `cal_test_drift_share_${randomUUID().replaceAll("-", "")}`;
    sandbox.addApiKey(key, ASKPRO_USER);
    return key;
  }

  /** When each request of a client left (after the budget let it go) and what Cal.com answered. */
  function recorder() {
    const sent: { at: number; status: number | undefined }[] = [];
    return { sent, onRequest: ({ durationMs, status }: { durationMs: number; status: number | undefined }) => sent.push({ at: Date.now() - durationMs, status }) };
  }

  /** The key's syncs (any process): the whole window is theirs to take. */
  function syncClient(apiKey: string, onRequest: ReturnType<typeof recorder>["onRequest"]) {
    return createCalcomClient({ apiKey, baseUrl: sandbox.url, rateBudget: calcomRateBudgetStore(db.orm), onRequest });
  }

  function check(companyId: string, apiKey: string, onCalcomRequest: ReturnType<typeof recorder>["onRequest"], budgetShare?: number) {
    return checkDrift(
      {
        em: db.orm.em.fork(),
        logger: pino({ level: "silent" }),
        calcom: { apiUrl: sandbox.url, apiKey, appSecret: TEST_APP_SECRET, rateBudget: calcomRateBudgetStore(db.orm) },
        // Unset: the worker's default for scheduled checks (DRIFT_BUDGET_SHARE unset), 2 of the window's 10.
        budgetShare,
        onCalcomRequest,
      },
      companyId,
    );
  }

  const rejected = () => sandbox.requests.filter((request) => request.status === 429).length;

  it("over a key with 8 of 10 spent, waits for the next window while the syncs take the last two: 0 answers 429", async () => {
    sandbox.reset();
    const company = await linkedCompany(FIRST);
    const apiKey = freshKey();
    const syncs = recorder();
    const sync = syncClient(apiKey, syncs.onRequest);
    for (let i = 0; i < 8; i++) await sync.me();
    const windowBegan = syncs.sent[0]?.at ?? 0;

    const drift = recorder();
    const checking = check(company.id, apiKey, drift.onRequest);
    // Time for the check to read its company and ask the budget: without its share it would have sent by now.
    await sleep(300);
    expect(drift.sent).toEqual([]);
    // The window's last two requests are still the syncs', at once.
    const before = Date.now();
    await Promise.all([sync.me(), sync.me()]);
    expect(Date.now() - before).toBeLessThan(500);
    const result = await checking;

    expect(result).toMatchObject({ outcome: "checked", checked: 2, calcomRequests: 1, counts: { in_step: 2 } });
    expect(rejected()).toBe(0);
    expect(syncs.sent.map((request) => request.status)).toEqual(Array(10).fill(200));
    expect(drift.sent.map((request) => request.status)).toEqual([200]);
    // Its one list call went in the next window, after the syncs' last two.
    const listSentAt = drift.sent[0]?.at ?? 0;
    expect(listSentAt).toBeGreaterThanOrEqual(Math.max(...syncs.sent.map((request) => request.at)));
    expect(listSentAt - windowBegan).toBeGreaterThanOrEqual(SMALL.windowMs - 50);
    // Waited for one window, not for a 429's block.
    expect(result.durationMs).toBeLessThan(SMALL.windowMs + 1_500);
  }, 30_000);

  it("an admin's Check Cal.com now (the whole window, as the worker runs a byAdmin job) goes at once over a key with 8 of 10 spent, still 0 answers 429", async () => {
    sandbox.reset();
    const company = await linkedCompany(THIRD);
    const apiKey = freshKey();
    const syncs = recorder();
    const sync = syncClient(apiKey, syncs.onRequest);
    for (let i = 0; i < 8; i++) await sync.me();

    const drift = recorder();
    const result = await check(company.id, apiKey, drift.onRequest, 1);

    expect(result).toMatchObject({ outcome: "checked", calcomRequests: 1 });
    expect(result.durationMs).toBeLessThan(SMALL.windowMs / 2);
    expect(rejected()).toBe(0);
  }, 30_000);

  it("within its share it goes at once, and a key spent to its limit makes it wait, never a 429", async () => {
    sandbox.reset();
    const company = await linkedCompany(SECOND);
    const apiKey = freshKey();
    const syncs = recorder();
    const sync = syncClient(apiKey, syncs.onRequest);
    await sync.me(); // the budget has read the key's headers: 1 of 10 taken

    const first = await check(company.id, apiKey, recorder().onRequest);
    expect(first).toMatchObject({ outcome: "checked", calcomRequests: 1 });
    expect(first.durationMs).toBeLessThan(SMALL.windowMs / 2);

    // The syncs spend the rest of the window (racing, as several workers would).
    await Promise.all(Array.from({ length: 8 }, () => sync.me()));
    const full = await check(company.id, apiKey, recorder().onRequest);
    expect(full).toMatchObject({ outcome: "checked", calcomRequests: 1 });
    expect(rejected()).toBe(0);
  }, 30_000);
});
