import { type CalcomSandbox, type SandboxRequest, startCalcomSandbox } from "@askpro/calcom/sandbox";
import { Company, Service, SyncAttempt } from "@askpro/db";
import { createTestOrm, type TestOrm } from "@askpro/db/testing";
import { createJobs, hasLiveCreateJob, type Jobs } from "@askpro/jobs";
import { requestCreate } from "@askpro/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker } from "./support/apps";
import { SANDBOX_DEMO_KEY } from "./support/demo";
import { recordFigures, syncRequested } from "./support/figures";
import type { AppProcess } from "./support/processes";
import { eventually, sleep } from "./support/wait";

const SERVICES = 20;
const KILLS = 20;
const TEAM = 39203;
/** Cal.com holds every create this long, so that a worker has several in flight when it is killed. */
const CREATE_LATENCY_MS = 300;
/** Short, so that a killed worker's creates are taken over quickly. */
const LOCK_LIFETIME_MS = 1_500;
const silent = { info: () => undefined, error: () => undefined };

describe("Create in Cal.com: the worker killed (SIGKILL) right after Cal.com answered a create, 20 times over 20 services", () => {
  let db: TestOrm;
  let sandbox: CalcomSandbox;
  let enqueuer: Jobs;
  const workers: AppProcess[] = [];

  beforeAll(async () => {
    [db, sandbox] = await Promise.all([createTestOrm(), startCalcomSandbox({ rateLimit: { limit: 10_000 } })]);
    enqueuer = await createJobs({ databaseUrl: db.url, name: "faults enqueuer", processEvery: "1 minute" });
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    if (enqueuer) await enqueuer.stop({ drainTimeoutMs: 1_000 });
    await Promise.all([sandbox?.stop(), db?.close()]);
  });

  it("ends with every service linked to its one event type: no second create, no slug clash", async ({ task }) => {
    const figures = { scenario: "worker SIGKILLed after a create's answer", injected: 0, survived: 0, syncsRequested: 0, syncsLost: 0, details: {} as Record<string, number> };
    recordFigures(task, figures);

    const em = db.orm.em.fork();
    const company = em.create(Company, { name: "Anlege GmbH", slug: "anlege-gmbh", calcomTeamId: TEAM });
    const services = Array.from({ length: SERVICES }, (_, i) =>
      em.create(Service, { company, name: `Neuer Dienst ${i + 1}`, slug: `neuer-dienst-${i + 1}`, description: "Wird angelegt.", durationMinutes: 30 }),
    );
    await em.flush();
    const ids = services.map((service) => service.id);
    const creates = (): SandboxRequest[] => sandbox.requests.filter((request) => request.method === "POST");

    sandbox.setFault("POST /v2/teams/{teamId}/event-types", { kind: "latency", ms: CREATE_LATENCY_MS });
    for (const service of services) {
      const queued = await requestCreate({ em: db.orm.em.fork(), jobs: enqueuer, serviceId: service.id, companyId: null, requestedById: null, logger: silent });
      syncRequested(figures);
      expect(queued.outcome).toBe("queued");
    }

    const env = { DATABASE_URL: db.url, CALCOM_API_URL: sandbox.url, CALCOM_API_KEY: SANDBOX_DEMO_KEY, JOBS_LOCK_LIFETIME_MS: String(LOCK_LIFETIME_MS), LOG_LEVEL: "info" };
    let createdNotLinked = 0;
    while (figures.injected < KILLS) {
      const pending = await db.orm.em.fork().count(Service, { id: { $in: ids }, syncStatus: "pending" });
      if (pending === 0) break;
      const worker = await startWorker(env);
      workers.push(worker);
      // Cal.com's answers to creates and to the slug look-ups of creates whose answer was lost.
      const answered = () => sandbox.requests.filter((request) => request.method !== "PATCH" && request.status !== undefined).length;
      const answeredBefore = answered();
      // Right after Cal.com answered one of this worker's calls: before or just after it saved the id.
      const ended = await eventually(
        `${worker.name} to get a call answered`,
        async () => answered() > answeredBefore || ((await db.orm.em.fork().count(Service, { id: { $in: ids }, syncStatus: "pending" })) === 0 && "all ended"),
        30_000,
        1,
      );
      if (ended === "all ended") break;
      await worker.kill();
      figures.injected++;
      // Event types Cal.com holds that no service has saved yet: the cases the retry must find by slug.
      const linked = new Set((await db.orm.em.fork().find(Service, { id: { $in: ids } })).map((service) => service.calcomEventTypeId));
      createdNotLinked += sandbox.eventTypes({ teamId: TEAM }).filter((eventType) => eventType.slug.startsWith("neuer-dienst-") && !linked.has(eventType.id)).length;
      await sleep(50);
    }

    const survivor = await startWorker(env);
    workers.push(survivor);
    const settled = await eventually(
      "every create to end",
      async () => {
        const current = await db.orm.em.fork().find(Service, { id: { $in: ids } });
        return current.every((service) => service.syncStatus !== "pending") ? current : undefined;
      },
      90_000,
      100,
    );
    await eventually("every create job to be gone", async () => (await Promise.all(ids.map((id) => hasLiveCreateJob(enqueuer, id)))).every((live) => !live));
    await survivor.stop();

    // 0 duplicates: one event type per slug, and it is the one the service links.
    for (const service of settled) {
      const withSlug = sandbox.eventTypes({ teamId: TEAM, slug: service.slug });
      expect(withSlug.map((eventType) => eventType.id), service.slug).toEqual([service.calcomEventTypeId]);
      expect([service.syncStatus, service.syncError], service.slug).toEqual(["synced", null]);
    }
    // No create was refused for a slug its own earlier run had taken.
    expect(creates().filter((request) => request.status === 400)).toEqual([]);
    const attempts = await db.orm.em.fork().find(SyncAttempt, { service: { $in: ids } });
    expect(attempts.every((attempt) => attempt.kind === "create")).toBe(true);

    figures.syncsLost = settled.filter((service) => service.syncStatus !== "synced").length;
    figures.details = {
      kills: figures.injected,
      createPosts: creates().length,
      answersLostByKills: creates().filter((request) => request.status === undefined || request.answerLost).length,
      createdNotLinkedAtKills: createdNotLinked,
      foundBySlug: attempts.filter((attempt) => attempt.attemptLog.some((call) => call.method === "GET")).length,
    };
    figures.survived = figures.injected;
  });
});
