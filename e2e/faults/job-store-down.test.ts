import type { SyncOutcome } from "@askpro/api";
import { startCalcomSandbox, type CalcomSandbox } from "@askpro/calcom/sandbox";
import { createTestOrm, type TestOrm } from "@askpro/db/testing";
import { startTestMongo, type TestMongo } from "@askpro/jobs/testing";
import type { Browser } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApi, startApi } from "./support/apps";
import { launchChromium, signInThroughSpa } from "./support/browser";
import { ADMIN_EMAIL, DEMO_PASSWORD, findService, historyOf, SANDBOX_DEMO_KEY, SCHNELLBERATUNG, serviceById } from "./support/demo";
import { recordFigures, syncRequested } from "./support/figures";
import { ApiSession } from "./support/trpc-http";
import { sleep } from "./support/wait";
import { builtSpa } from "./support/web-dist";

/** The driver's server selection, shortened from the api's 10 s so a failed enqueue answers quickly. */
const SELECTION_TIMEOUT_MS = 2_000;
/** jongodb does no authentication, so credentials only ever appear in a URL to a server that is down. */
const JOBS_PASSWORD = "s3cret-jobs-password";

function withSelectionTimeout(url: string): string {
  return `${url}${url.includes("?") ? "&" : "?"}serverSelectionTimeoutMS=${SELECTION_TIMEOUT_MS}`;
}

describe("the job store unreachable when a sync is requested", () => {
  let db: TestOrm;
  let mongo: TestMongo;
  let sandbox: CalcomSandbox;
  let browser: Browser;
  const apis: RunningApi[] = [];

  beforeAll(async () => {
    [db, mongo, sandbox, browser] = await Promise.all([createTestOrm({ seed: true }), startTestMongo(), startCalcomSandbox(), launchChromium()]);
  });
  afterAll(async () => {
    await Promise.all(apis.map((api) => api.process.stop()));
    await Promise.all([browser?.close(), mongo?.stop(), sandbox?.stop(), db?.close()]);
  });

  const apiWithJobsIn = async (jobsDbUrl: string) => {
    const api = await startApi({
      DATABASE_URL: db.url,
      JOBS_DB_URL: jobsDbUrl,
      CALCOM_API_URL: sandbox.url,
      CALCOM_API_KEY: SANDBOX_DEMO_KEY,
      WEB_DIST: builtSpa(),
    });
    apis.push(api);
    return api;
  };

  /** Asserts what an admin must see after a failed enqueue, and that it stays so. Returns the reason. */
  const expectErrorNotPending = async (admin: ApiSession, serviceId: string, outcome: SyncOutcome | undefined): Promise<string> => {
    expect(outcome).toEqual({ outcome: "enqueue_failed", reason: expect.stringMatching(/^Could not queue the sync: \S/) });
    const reason = outcome?.outcome === "enqueue_failed" ? outcome.reason : "";
    expect(reason.length).toBeLessThanOrEqual(300);
    expect(reason).not.toMatch(/\n\s+at /);
    // Nothing picks the service up again by itself: it stays `error`, never `pending` without a job.
    for (let check = 0; check < 5; check++) {
      expect(await serviceById(admin, serviceId)).toMatchObject({ syncStatus: "error", syncError: reason });
      await sleep(200);
    }
    const [attempt] = await historyOf(admin, serviceId);
    expect(attempt).toMatchObject({ outcome: "failed", errorMessage: reason });
    return reason;
  };

  it("answers enqueue_failed with a readable reason, shows the error toast, and leaves the service in error", async ({ task }) => {
    const figures = {
      scenario: "job store unreachable",
      injected: 0,
      survived: 0,
      syncsRequested: 0,
      syncsLost: 0,
      details: { enqueueFailedShown: 0 },
    };
    recordFigures(task, figures);

    // 1. The store goes away while the api is connected to it.
    const api = await apiWithJobsIn(withSelectionTimeout(mongo.url));
    expect(await (await fetch(`${api.url}/readyz`)).json()).toMatchObject({ database: "ok", jobStore: "ok" });
    const admin = new ApiSession(api.url);
    await admin.signIn(ADMIN_EMAIL, DEMO_PASSWORD);
    const service = await findService(admin, SCHNELLBERATUNG);
    expect(service.syncStatus).toBe("synced");

    await mongo.stop();
    figures.injected++;
    const readiness = await fetch(`${api.url}/readyz`);
    // The api keeps serving without its job store, and says what is missing.
    // (Its worker field says whether a worker beats; this api runs without one.)
    expect([readiness.status, await readiness.json()]).toEqual([200, { status: "ok", database: "ok", jobStore: "unreachable", worker: "missing" }]);

    const page = await browser.newPage();
    await signInThroughSpa(page, api.url);
    await page.goto(`${api.url}/services/${service.id}`);
    await page.getByRole("button", { name: "Sync with Cal.com" }).click();
    const syncAnswer = page.waitForResponse((response) => {
      const procedures = new URL(response.url()).pathname.replace("/trpc/", "").split(",");
      return response.request().method() === "POST" && procedures.includes("service.sync");
    });
    await page.getByRole("dialog", { name: "Sync service with Cal.com" }).getByRole("button", { name: "Sync now" }).click();
    syncRequested(figures);
    // With a batch link the answer is a list of results, one per call.
    const body = (await (await syncAnswer).json()) as { result?: { data?: SyncOutcome } } | { result?: { data?: SyncOutcome } }[];
    const outcome = (Array.isArray(body) ? body[0] : body)?.result?.data;
    await page.getByText("Sync could not be started").waitFor({ timeout: 15_000 });
    await page.getByText("Sync failed").first().waitFor();
    const reason = await expectErrorNotPending(admin, service.id, outcome);
    // The page shows the reason the service carries.
    await page.getByText(reason).first().waitFor();
    figures.details.enqueueFailedShown++;
    figures.syncsLost--;
    await page.close();

    // 2. Over HTTP, as any client: the same answer, every time it is asked.
    const again = await admin.mutation<SyncOutcome>("service.sync", { id: service.id });
    syncRequested(figures);
    expect(again.status).toBe(200);
    await expectErrorNotPending(admin, service.id, again.data);
    figures.details.enqueueFailedShown++;
    figures.syncsLost--;

    // 3. A store that is down from the api's start, reached with credentials: they stay out of the reason.
    const port = new URL(mongo.url).port;
    const lonely = await apiWithJobsIn(withSelectionTimeout(`mongodb://askpro:${JOBS_PASSWORD}@127.0.0.1:${port}/askpro`));
    figures.injected++;
    const lonelyAdmin = new ApiSession(lonely.url);
    await lonelyAdmin.signIn(ADMIN_EMAIL, DEMO_PASSWORD);
    const answer = await lonelyAdmin.mutation<SyncOutcome>("service.sync", { id: service.id });
    syncRequested(figures);
    expect(answer.status).toBe(200);
    const lonelyReason = await expectErrorNotPending(lonelyAdmin, service.id, answer.data);
    figures.details.enqueueFailedShown++;
    figures.syncsLost--;
    expect(lonelyReason).not.toContain(JOBS_PASSWORD);
    expect(lonelyReason).not.toContain("askpro:");
    expect(lonely.process.output()).not.toContain(JOBS_PASSWORD);

    // Every request ended with an outcome the admin was shown; none is left pending.
    expect((await serviceById(admin, service.id)).syncStatus).toBe("error");
    expect(api.process.isRunning() && lonely.process.isRunning()).toBe(true);
    figures.survived = figures.injected;
  });
});
