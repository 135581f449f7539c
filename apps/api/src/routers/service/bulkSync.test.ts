import { type CalcomSandbox, startCalcomSandbox } from "@askpro/calcom/sandbox";
import { Service, SyncAttempt } from "@askpro/db";
import { TEST_APP_SECRET } from "@askpro/db/testing";
import { bulkSyncJob } from "@askpro/jobs";
import { runSync } from "@askpro/sync";
import { sql } from "kysely";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestbed, rejectionOf, type Testbed } from "../../../test/support/testbed";

const ASKPRO_KEY = "cal_test_askpro_demo";

/**
 * Bulk sync on real PostgreSQL with the jobs in it, the syncs run by runSync against the Cal.com sandbox.
 * AskProAI's demo services, made into one of each case:
 *   15-minuten-schnellberatung  synced, Cal.com confirmed its fields as they are   -> in step, skipped
 *   30-minuten-erstberatung     synced, edited since                               -> sent
 *   60-minuten-strategieberatung never synced, linked                              -> sent
 *   folgetermin                 error                                              -> sent, then cancelled
 *   vor-ort-termin              pending                                            -> already pending, skipped
 *   rueckruf-service            no event type                                      -> not linked, skipped
 */
describe("bulk sync", () => {
  let sandbox: CalcomSandbox;
  let testbed: Testbed;
  let admin: Awaited<ReturnType<Testbed["signedIn"]>>;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    sandbox = await startCalcomSandbox();
    testbed = await createTestbed({ env: { CALCOM_API_URL: sandbox.url, CALCOM_API_KEY: ASKPRO_KEY } });
    admin = await testbed.signedIn("admin@askpro.test");
    const em = testbed.orm.em.fork();
    for (const service of await em.find(Service, { company: { slug: "askproai" } })) id[service.slug] = service.id;
    const kysely = em.getKysely();
    await sql`UPDATE services SET synced_digest = sent_digest, drift_state = NULL WHERE id = ${id["15-minuten-schnellberatung"]}`.execute(kysely);
    await sql`UPDATE services SET synced_digest = 'edited-since' WHERE id = ${id["30-minuten-erstberatung"]}`.execute(kysely);
  });
  afterAll(async () => {
    await testbed.close();
    await sandbox.stop();
  });

  const status = async (slug: string) => (await testbed.orm.em.fork().findOneOrFail(Service, { id: id[slug] as string })).syncStatus;
  const liveJob = async (slug: string) => (await (await testbed.jobs.queue()).list(bulkSyncJob(), { serviceId: id[slug] as string }))[0];
  const patches = () => sandbox.requests.filter((request) => request.method === "PATCH").map((request) => request.path);

  async function runJobOf(slug: string) {
    const job = await liveJob(slug);
    if (!job) throw new Error(`no job for ${slug}`);
    const payload = job.data as { serviceId: string; attemptId: string };
    const run = { jobId: String(job._id), attempt: 1, maxAttempts: 5, isLastAttempt: false, job: { touch: async () => {} } as never };
    const calcom = { apiUrl: sandbox.url, apiKey: ASKPRO_KEY, appSecret: TEST_APP_SECRET };
    return runSync({ em: testbed.orm.em.fork(), logger: pino({ level: "silent" }), calcom }, payload, run);
  }

  it("previews what it would send and what it skips, and why, with the time at the key's rate", async () => {
    const preview = await admin.service.bulkSyncPreview({ changedOnly: true });
    expect(preview).toMatchObject({ send: 3, skipped: { not_linked: 1, already_pending: 1, in_step: 1, being_deleted: 0 } });
    // No response read for this key yet: Cal.com's documented 120 a minute, so 3 requests take 2 s.
    expect(preview.rate).toEqual({ limit: 120, windowMs: 60_000, fromHeaders: false });
    expect(preview.estimatedSeconds).toBe(2);

    const named = await admin.service.bulkSyncPreview({ ids: [id["15-minuten-schnellberatung"] as string, id["rueckruf-service"] as string] });
    expect(named).toMatchObject({ send: 0, skipped: { in_step: 1, not_linked: 1 }, estimatedSeconds: 0 });
  });

  it("selects every service matching the list's filter, across pages", async () => {
    // The list's own filter: by status, and by search (name, slug or description).
    expect(await admin.service.bulkSyncPreview({ filter: { status: "synced" } })).toMatchObject({ send: 1, skipped: { in_step: 1 } });
    expect(await admin.service.bulkSyncPreview({ filter: { search: "minuten" } })).toMatchObject({ send: 2, skipped: { in_step: 1, not_linked: 0 } });
    expect(await admin.service.bulkSyncPreview({ filter: { search: "nothing matches this" } })).toMatchObject({ send: 0, estimatedSeconds: 0 });
    // Another company's filter never reaches AskProAI's services.
    const other = await testbed.signedIn("admin@praxis-nord.test");
    expect(await other.service.bulkSyncPreview({ filter: { search: "minuten" } })).toMatchObject({ send: 0, skipped: { in_step: 0, not_linked: 0 } });
  });

  it("refuses a selection naming no, both or unknown services", async () => {
    expect((await rejectionOf(admin.service.bulkSyncPreview({} as never))).code).toBe("BAD_REQUEST");
    expect((await rejectionOf(admin.service.bulkSyncPreview({ ids: [id.folgetermin as string], changedOnly: true }))).code).toBe("BAD_REQUEST");
    expect((await rejectionOf(admin.service.bulkSync({ ids: ["00000000-0000-4000-8000-000000000000"] }))).code).toBe("NOT_FOUND");
  });

  it("queues one job per service it sends, none for the in-step one (no PATCH), and its progress reads each attempt; cancel takes back the rest", async () => {
    const attemptsOfInStep = () => testbed.orm.em.fork().count(SyncAttempt, { service: id["15-minuten-schnellberatung"] });
    const inStepAttemptsBefore = await attemptsOfInStep();
    const started = await admin.service.bulkSync({ changedOnly: true });
    expect(started).toMatchObject({ requested: 3, skipped: { not_linked: 1, already_pending: 1, in_step: 1 } });
    for (const slug of ["30-minuten-erstberatung", "60-minuten-strategieberatung", "folgetermin"]) expect(await status(slug)).toBe("pending");
    expect(await liveJob("15-minuten-schnellberatung")).toBeUndefined();
    expect(await attemptsOfInStep()).toBe(inStepAttemptsBefore);

    // A second bulk request meanwhile finds them pending: never a second job.
    const again = await admin.service.bulkSync({ ids: [id["30-minuten-erstberatung"] as string] });
    expect(again).toEqual({ runId: null, requested: 0, skipped: { not_linked: 0, already_pending: 1, in_step: 0, being_deleted: 0 } });
    expect(await (await testbed.jobs.queue()).list(bulkSyncJob(), { serviceId: id["30-minuten-erstberatung"] as string })).toHaveLength(1);

    expect(await runJobOf("30-minuten-erstberatung")).toBe("succeeded");
    expect(await runJobOf("60-minuten-strategieberatung")).toBe("succeeded");
    expect(patches()).toEqual(["/v2/teams/39203/event-types/3664713", "/v2/teams/39203/event-types/3664714"]);

    // Every member of the company sees the latest run, without its id.
    const viewer = await testbed.signedIn("viewer@askpro.test");
    expect(await viewer.service.bulkSyncProgress({})).toMatchObject({ runId: started.runId, total: 3, synced: 2, failed: 0, pending: 1, cancelled: 0 });

    expect((await rejectionOf(viewer.service.bulkSyncCancel({ runId: started.runId as string }))).code).toBe("FORBIDDEN");
    const runId = started.runId as string;
    expect(await admin.service.bulkSyncCancel({ runId })).toEqual({ cancelled: 1 });
    // Back to the status it had, with a "cancelled" history row, its job out of the queue.
    expect(await status("folgetermin")).toBe("error");
    const history = await admin.service.history({ id: id.folgetermin as string, limit: 5 });
    expect(history[0]).toMatchObject({ outcome: "cancelled", startedAt: null });
    expect(await liveJob("folgetermin")).toBeUndefined();
    const progress = await admin.service.bulkSyncProgress({ runId });
    expect(progress).toMatchObject({ total: 3, synced: 2, cancelled: 1, pending: 0, secondsLeft: 0 });
    expect(progress?.cancelledAt).not.toBeNull();
    expect(patches()).toHaveLength(2);
    // A second cancel finds nothing left.
    expect(await admin.service.bulkSyncCancel({ runId })).toEqual({ cancelled: 0 });
  });

  it("shows a run to its own company only", async () => {
    const started = await admin.service.bulkSync({ ids: [id.folgetermin as string] });
    if (!started.runId) throw new Error("expected a run");
    const other = await testbed.signedIn("admin@praxis-nord.test");
    expect((await rejectionOf(other.service.bulkSyncProgress({ runId: started.runId }))).code).toBe("NOT_FOUND");
    expect((await other.service.bulkSyncProgress({}))).toBeNull();
  });
});
