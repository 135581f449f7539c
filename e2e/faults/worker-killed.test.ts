import { type CalcomSandbox, loadFixture, type SandboxRequest, startCalcomSandbox } from "@askpro/calcom/sandbox";
import { Company, Service } from "@askpro/db";
import { createTestOrm, type TestOrm } from "@askpro/db/testing";
import { createJobs, hasLiveJob, type Jobs, SYNC_CONCURRENCY } from "@askpro/jobs";
import { requestSync } from "@askpro/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWorker } from "./support/apps";
import { SANDBOX_DEMO_KEY } from "./support/demo";
import { recordFigures, syncRequested } from "./support/figures";
import { expectEveryPatchAccountedFor } from "./support/patch-accounting";
import type { AppProcess } from "./support/processes";
import { runSeed, seededRandom } from "./support/random";
import { eventually, sleep } from "./support/wait";

const SERVICES = 20;
const KILLS = 20;
const TEAM = 39203;
const FIRST_EVENT_TYPE = 9_100_001;
/** Cal.com holds every PATCH this long, so that a kill lands mid-request most of the time. */
const PATCH_LATENCY_MS = 1_200;
/** Short, so that a killed worker's syncs are taken over quickly; the worker renews it at half while a sync runs. */
const LOCK_LIFETIME_MS = 1_500;
/** The most syncs one worker holds at once: it runs SYNC_CONCURRENCY and locks one more. */
const ONE_ROUND = SYNC_CONCURRENCY + 1;
const TEAM_PATCH = "PATCH /v2/teams/{teamId}/event-types/{eventTypeId}";
const silent = { info: () => undefined, error: () => undefined };

/** The sandbox's demo data plus one event type of the demo team per service here. */
function fixtureWithEventTypes() {
  const fixture = loadFixture();
  const template = fixture.eventTypes.find((eventType) => eventType.teamId === TEAM);
  if (!template) throw new Error(`the sandbox fixture has no event type of team ${TEAM}`);
  const extra = Array.from({ length: SERVICES }, (_, i) => ({
    ...template,
    id: FIRST_EVENT_TYPE + i,
    title: `Fault event ${i + 1}`,
    slug: `fault-event-${i + 1}`,
  }));
  return { ...fixture, eventTypes: [...fixture.eventTypes, ...extra] };
}

interface Kill {
  /** PATCHes of the killed worker that Cal.com had not answered yet. */
  patchesInFlight: number;
}

describe("the worker killed (SIGKILL) mid-job, 20 times over 20 services", () => {
  let db: TestOrm;
  let sandbox: CalcomSandbox;
  let enqueuer: Jobs;
  const workers: AppProcess[] = [];

  beforeAll(async () => {
    [db, sandbox] = await Promise.all([
      createTestOrm(),
      // The rate limit is not the fault under test: a limit the run never reaches keeps the key's shared budget out of its way.
      startCalcomSandbox({ fixture: fixtureWithEventTypes(), rateLimit: { limit: 10_000 } }),
    ]);
    // Enqueues as the api does.
    enqueuer = await createJobs({ databaseUrl: db.url, name: "faults enqueuer", processEvery: "1 minute" });
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    if (enqueuer) await enqueuer.stop({ drainTimeoutMs: 1_000 });
    await Promise.all([sandbox?.stop(), db?.close()]);
  });

  it("ends with every service synced, none pending, and no PATCH that is not a recorded attempt", async ({ task }) => {
    const seed = runSeed();
    const random = seededRandom(seed);
    const figures = {
      scenario: "worker SIGKILLed mid-job",
      injected: 0,
      survived: 0,
      syncsRequested: 0,
      syncsLost: 0,
      details: { seed } as Record<string, number>,
    };
    recordFigures(task, figures);

    const em = db.orm.em.fork();
    const company = em.create(Company, { name: "Fault GmbH", slug: "fault-gmbh", calcomTeamId: TEAM });
    const services = Array.from({ length: SERVICES }, (_, i) =>
      em.create(Service, {
        company,
        name: `Fault service ${i + 1}`,
        slug: `fault-service-${i + 1}`,
        description: "Survives its worker.",
        durationMinutes: 30,
        bufferBeforeMinutes: 5,
        bufferAfterMinutes: 10,
        minimumBookingNoticeMinutes: 60,
        priceCents: 0,
        currency: "EUR",
        isActive: true,
        requiresConfirmation: false,
        disableGuests: false,
        calcomEventTypeId: FIRST_EVENT_TYPE + i,
      }),
    );
    await em.flush();
    const serviceOfEventType = new Map(services.map((service) => [String(service.calcomEventTypeId), service.id]));
    const patches = (): SandboxRequest[] => sandbox.requests.filter((request) => request.method === "PATCH");
    const serviceOfPatch = (patch: SandboxRequest) => serviceOfEventType.get(patch.path.split("/").at(-1) ?? "");

    sandbox.setFault(TEAM_PATCH, { kind: "latency", ms: PATCH_LATENCY_MS });
    for (const service of services) {
      const queued = await requestSync({ em: db.orm.em.fork(), jobs: enqueuer, serviceId: service.id, companyId: null, requestedById: null, logger: silent });
      syncRequested(figures);
      expect(queued.outcome).toBe("queued");
    }

    const env = {
      DATABASE_URL: db.url,
      CALCOM_API_URL: sandbox.url,
      CALCOM_API_KEY: SANDBOX_DEMO_KEY,
      JOBS_LOCK_LIFETIME_MS: String(LOCK_LIFETIME_MS),
      LOG_LEVEL: "info",
      // Agenda's run log: every run of a job, and whether it got to the end.
      DEBUG: "agenda:job",
    };
    const kills: Kill[] = [];
    while (kills.length < KILLS) {
      const worker = await startWorker(env);
      workers.push(worker);
      const firstOfThisWorker = patches().length;
      await eventually(`${worker.name} to send a PATCH`, () => patches().length > firstOfThisWorker, 20_000, 10);
      // Somewhere in the worker's first round of syncs: during a PATCH, or just after Cal.com answered and
      // before the worker recorded it. While only one round is left, always before the answers, so
      // that every kill still finds syncs to interrupt.
      const pending = await db.orm.em.fork().count(Service, { company, syncStatus: "pending" });
      await sleep(random() * PATCH_LATENCY_MS * (pending > ONE_ROUND ? 1.25 : 0.8));
      const inFlight = patches().slice(firstOfThisWorker).filter((patch) => patch.status === undefined).length;
      await worker.kill();
      kills.push({ patchesInFlight: inFlight });
      figures.injected++;
    }

    const syncedDuringStorm = await db.orm.em.fork().count(Service, { id: { $in: services.map((service) => service.id) }, syncStatus: "synced" });

    // Then one worker is left to finish the job.
    const survivor = await startWorker(env);
    workers.push(survivor);
    const settled = await eventually(
      "every service to leave pending",
      async () => {
        const current = await db.orm.em.fork().find(Service, { id: { $in: services.map((service) => service.id) } });
        return current.every((service) => service.syncStatus !== "pending") ? current : undefined;
      },
      60_000,
      100,
    ).catch(async (error: unknown) => {
      const current = await db.orm.em.fork().find(Service, { id: { $in: services.map((service) => service.id) } });
      figures.syncsLost = current.filter((service) => service.syncStatus !== "synced").length;
      throw error;
    });
    await eventually("every sync job to be gone", async () => {
      const live = await Promise.all(services.map((service) => hasLiveJob(enqueuer, service.id)));
      return live.every((isLive) => !isLive);
    });
    await survivor.stop();

    figures.syncsLost = settled.filter((service) => service.syncStatus !== "synced").length;
    expect(Object.fromEntries(settled.map((service) => [service.name, [service.syncStatus, service.syncError]]))).toEqual(
      Object.fromEntries(services.map((service) => [service.name, ["synced", null]])),
    );
    // Cal.com holds what each service says.
    for (const service of services) expect(sandbox.getEventType(service.calcomEventTypeId ?? 0)?.slug).toBe(service.slug);

    // Every sync ended on its one attempt row, and no PATCH is unaccounted for.
    const counts = await expectEveryPatchAccountedFor({
      em: db.orm.em.fork(),
      serviceIds: services.map((service) => service.id),
      workers,
      patches: patches(),
      serviceOfPatch,
      requests: sandbox.requests,
    });

    const sum = (key: keyof (typeof counts)[number]) => counts.reduce((total, count) => total + (count[key] as number), 0);
    figures.details = {
      seed,
      kills: kills.length,
      killsMidPatch: kills.filter((kill) => kill.patchesInFlight > 0).length,
      syncedDuringStorm,
      patches: patches().length,
      jobRuns: sum("runs"),
      runsCutShort: sum("cutShort"),
      attemptLogEntries: sum("logged"),
    };
    figures.survived = figures.injected;
  });
});
