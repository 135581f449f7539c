import { createCalcomClient } from "@askpro/calcom";
import { type CalcomSandbox, startCalcomSandbox } from "@askpro/calcom/sandbox";
import { TEST_APP_SECRET } from "@askpro/db/testing";
import { serviceUpdateSchema } from "@askpro/domain";
import { createJobs, defineSyncJob, hasLiveJob, type Jobs } from "@askpro/jobs";
import { eventually, sleep, startTestMongo, type TestMongo } from "@askpro/jobs/testing";
import { AUTO_SYNC_DELAY_MS, registerAutoSyncFollowUp, runSync } from "@askpro/sync";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestbed, type Testbed } from "../../../test/support/testbed";

const ASKPRO_KEY = "cal_test_askpro_demo";
/** Seeded, linked and synced: "15 Minuten Schnellberatung", "30 Minuten Erstberatung". */
const SCHNELLBERATUNG = { name: "15 Minuten Schnellberatung", eventTypeId: 3664712 };
const ERSTBERATUNG = { name: "30 Minuten Erstberatung", eventTypeId: 3664713 };

/**
 * Auto-sync end to end: service.update as the api runs it, the job store (PostgreSQL or MongoDB), a
 * worker running the real sync (runSync) with auto-sync's follow-up, and the Cal.com sandbox counting PATCHes.
 */
describe.each(["postgres", "mongodb"] as const)("auto-sync with jobs in %s", (store) => {
  let sandbox: CalcomSandbox;
  let mongo: TestMongo | undefined;
  let testbed: Testbed;
  let worker: Jobs;
  let admin: Awaited<ReturnType<Testbed["signedIn"]>>;

  beforeAll(async () => {
    [sandbox, mongo] = await Promise.all([startCalcomSandbox(), store === "mongodb" ? startTestMongo() : undefined]);
    testbed = await createTestbed({ jobsDbUrl: mongo?.url, env: { CALCOM_API_URL: sandbox.url, CALCOM_API_KEY: ASKPRO_KEY } });
    // An auto-sync's job is due in 3 s: a wake-up that reaches Agenda while it fills its queue can be
    // passed over, and the job then waits for the poll (the worker's is 10 s). A short one keeps the test fast.
    worker = await createJobs({ databaseUrl: testbed.db.url, jobsDbUrl: mongo?.url, name: "worker", processEvery: "2 seconds" });
    const em = testbed.orm.em.fork();
    const logger = pino({ level: "silent" });
    const calcom = { apiUrl: sandbox.url, apiKey: ASKPRO_KEY, appSecret: TEST_APP_SECRET };
    const autoSyncFollowUp = registerAutoSyncFollowUp(worker, { em, logger });
    defineSyncJob(worker, async (payload, run) => {
      await runSync({ em, logger, calcom, autoSyncFollowUp }, payload, run);
    });
    await worker.start();
    admin = await testbed.signedIn("admin@askpro.test");
  });
  beforeEach(async () => {
    sandbox.reset();
    await admin.company.autoSync.set({ enabled: true });
  });
  afterEach(() => sandbox.clearFaults());
  afterAll(async () => {
    await worker?.stop({ drainTimeoutMs: 2_000 });
    await testbed?.close();
    await Promise.all([sandbox?.stop(), mongo?.stop()]);
  });

  /** By the seeded name, which the tests change: the ids are looked up once. */
  const ids = new Map<string, string>();
  const serviceNamed = async (name: string) => {
    if (!ids.has(name)) {
      const { items } = await admin.service.list({ search: name });
      const found = items.find((service) => service.name === name);
      if (!found) throw new Error(`no service ${name}`);
      ids.set(name, found.id);
    }
    return admin.service.byId({ id: ids.get(name) as string });
  };
  const succeededSyncs = async (id: string) => (await admin.service.history({ id })).filter((attempt) => attempt.outcome === "succeeded").length;
  const patchesOf = (eventTypeId: number) => sandbox.requests.filter((request) => request.method === "PATCH" && request.path.endsWith(`/event-types/${eventTypeId}`));
  /** Synced again with no live job left: whatever auto-sync was going to send has been sent. */
  const settled = async (id: string) => {
    const service = await eventually(async () => {
      const now = await admin.service.byId({ id });
      return now.syncStatus !== "pending" && !(await hasLiveJob(worker, id)) && now;
    }, 20_000);
    // Longer than a follow-up's debounce would take to show up as a PATCH.
    await sleep(AUTO_SYNC_DELAY_MS + 1_000);
    return service;
  };

  it("five quick saves of a sent field end in one PATCH carrying the last values", async () => {
    let service = await serviceNamed(SCHNELLBERATUNG.name);
    const succeededBefore = await succeededSyncs(service.id);
    const started = Date.now();
    for (let save = 1; save <= 5; save++) {
      service = await admin.service.update({ ...serviceUpdateSchema.parse(service), name: `Schnellberatung, Fassung ${save}`, durationMinutes: 15 + save });
    }
    // Quick: all five before the first save's sync was due.
    expect(Date.now() - started).toBeLessThan(AUTO_SYNC_DELAY_MS);
    expect(service.syncStatus).toBe("pending");

    const synced = await settled(service.id);
    expect(synced).toMatchObject({ syncStatus: "synced", changedSinceSync: false });
    const patches = patchesOf(SCHNELLBERATUNG.eventTypeId);
    expect(patches).toHaveLength(1);
    expect(patches[0]?.body).toMatchObject({ title: "Schnellberatung, Fassung 5", lengthInMinutes: 20 });
    expect(sandbox.getEventType(SCHNELLBERATUNG.eventTypeId)).toMatchObject({ title: "Schnellberatung, Fassung 5", lengthInMinutes: 20 });
    expect(await succeededSyncs(service.id)).toBe(succeededBefore + 1);
  }, 30_000);

  it("a save while the sync is calling Cal.com is sent by a follow-up sync once that one ends", async () => {
    let service = await serviceNamed(ERSTBERATUNG.name);
    sandbox.setFault("PATCH *", { kind: "latency", ms: 1_500 }, 1);
    service = await admin.service.update({ ...serviceUpdateSchema.parse(service), name: "Erstberatung, vor dem Sync" });
    // The PATCH is on its way (the job read the service before this save).
    await eventually(() => patchesOf(ERSTBERATUNG.eventTypeId).some((patch) => patch.status === undefined), 10_000);
    service = await admin.service.update({ ...serviceUpdateSchema.parse(service), name: "Erstberatung, während des Syncs" });
    expect(service.syncStatus).toBe("pending");

    await eventually(() => patchesOf(ERSTBERATUNG.eventTypeId).length === 2 && patchesOf(ERSTBERATUNG.eventTypeId).every((patch) => patch.status === 200), 20_000);
    const synced = await settled(service.id);
    expect(synced).toMatchObject({ syncStatus: "synced", changedSinceSync: false, name: "Erstberatung, während des Syncs" });
    expect(patchesOf(ERSTBERATUNG.eventTypeId).map((patch) => (patch.body as { title: string }).title)).toEqual([
      "Erstberatung, vor dem Sync",
      "Erstberatung, während des Syncs",
    ]);
  }, 40_000);

  it("editing only the price requests no sync", async () => {
    const service = await serviceNamed(SCHNELLBERATUNG.name);
    const saved = await admin.service.update({ ...serviceUpdateSchema.parse(service), priceCents: (service.priceCents ?? 0) + 500 });
    expect(saved).toMatchObject({ syncStatus: "synced", changedSinceSync: false });
    expect(await hasLiveJob(worker, service.id)).toBe(false);
    await sleep(AUTO_SYNC_DELAY_MS + 1_000);
    expect(patchesOf(SCHNELLBERATUNG.eventTypeId)).toEqual([]);
  }, 20_000);

  it("taking Cal.com's values requests no sync: the service holds what Cal.com holds", async () => {
    const service = await serviceNamed(ERSTBERATUNG.name);
    const inCalcom = createCalcomClient({ apiKey: ASKPRO_KEY, baseUrl: sandbox.url });
    await inCalcom.updateEventType(ERSTBERATUNG.eventTypeId, { title: "Erstberatung (aus Cal.com)" }, { teamId: 39203 });
    const patchesBefore = patchesOf(ERSTBERATUNG.eventTypeId).length;
    const taken = await admin.service.takeCalcomValues({ id: service.id, version: service.version });
    expect(taken.service).toMatchObject({ name: "Erstberatung (aus Cal.com)", syncStatus: "synced", changedSinceSync: false });
    expect(await hasLiveJob(worker, service.id)).toBe(false);
    await sleep(AUTO_SYNC_DELAY_MS + 1_000);
    expect(patchesOf(ERSTBERATUNG.eventTypeId)).toHaveLength(patchesBefore);
  }, 20_000);

  it("is off for a company that never turned it on", async () => {
    const other = await testbed.signedIn("admin@praxis-nord.test");
    expect(await other.company.autoSync.get({})).toEqual({ enabled: false });
  });

  it("with auto-sync off a saved sent field only marks the service Changed since last sync", async () => {
    await admin.company.autoSync.set({ enabled: false });
    expect(await admin.company.autoSync.get({})).toEqual({ enabled: false });
    const service = await serviceNamed(SCHNELLBERATUNG.name);
    const saved = await admin.service.update({ ...serviceUpdateSchema.parse(service), name: "Schnellberatung, nicht automatisch" });
    expect(saved).toMatchObject({ syncStatus: "synced", changedSinceSync: true });
    expect(await hasLiveJob(worker, service.id)).toBe(false);
    await sleep(AUTO_SYNC_DELAY_MS + 1_000);
    expect(patchesOf(SCHNELLBERATUNG.eventTypeId)).toEqual([]);
  }, 20_000);
});
