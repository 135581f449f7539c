import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ServiceList, SyncOutcome } from "@askpro/api";
import { type CalcomSandbox, startCalcomSandbox } from "@askpro/calcom/sandbox";
import { createOrm, DemoSeeder, type EmbeddedPostgres, startEmbeddedPostgres } from "@askpro/db";
import type { Browser, Page } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, type RunningApi, startApiAndWorker } from "./support/apps";
import { launchChromium, signInThroughSpa } from "./support/browser";
import { ADMIN_EMAIL, DEMO_PASSWORD, findService, SANDBOX_DEMO_KEY, SCHNELLBERATUNG, serviceById } from "./support/demo";
import { recordFigures, syncRequested } from "./support/figures";
import type { AppProcess } from "./support/processes";
import { ApiSession } from "./support/trpc-http";
import { eventually, sleep } from "./support/wait";
import { builtSpa } from "./support/web-dist";

const UNAVAILABLE_BANNER = "Service unavailable, retrying…";
/** What must never reach the page: the api's error texts, the driver's, the browser's. */
const RAW_ERROR_TEXT =
  /Internal server error|INTERNAL_SERVER_ERROR|Something went wrong on the server|ECONNREFUSED|DriverException|TRPCClientError|Failed to fetch|Unexpected token|\b50[0-4] (?:Internal|Service|Bad|Gateway)|status code 50\d/i;
/** The SPA retries with a backoff of at most 10 s (apps/web/src/lib/query-client.ts). */
const SPA_RECOVERY_MS = 25_000;
/** The worker's poll (10 s) is the slowest way a job gets picked up when a wake-up was missed. */
const WORKER_RECOVERY_MS = 30_000;
/** Down for longer than the worker's poll and heartbeat (10 s each), so every connection of every process notices. */
const OUTAGE_MS = 12_000;

async function readiness(api: RunningApi): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${api.url}/readyz`);
  return { status: response.status, body: await response.json() };
}

async function expectServicesPage(page: Page): Promise<void> {
  await page.getByRole("heading", { level: 1, name: "Services" }).waitFor({ timeout: SPA_RECOVERY_MS });
  await page.getByText(SCHNELLBERATUNG).first().waitFor({ timeout: SPA_RECOVERY_MS });
}

/**
 * This scenario needs a PostgreSQL it may stop: an embedded cluster of its own, also when the rest of the
 * suite runs against DATABASE_URL (a shared server cannot be restarted by a test).
 */
describe("PostgreSQL restarted while the api serves", () => {
  let dataDir: string;
  let port: number;
  let postgres: EmbeddedPostgres | undefined;
  let sandbox: CalcomSandbox;
  let browser: Browser;
  let api: RunningApi | undefined;
  let worker: AppProcess | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "askpro-faults-pg-"));
    port = await freePort();
    [postgres, sandbox, browser] = await Promise.all([startEmbeddedPostgres({ dataDir, port, ephemeral: true }), startCalcomSandbox(), launchChromium()]);
    const orm = await createOrm(postgres.url);
    try {
      await orm.migrator.up();
      await orm.seeder.seed(DemoSeeder);
    } finally {
      await orm.close();
    }
    const env = { DATABASE_URL: postgres.url, CALCOM_API_URL: sandbox.url, CALCOM_API_KEY: SANDBOX_DEMO_KEY };
    ({ api, worker } = await startApiAndWorker({ ...env, WEB_DIST: builtSpa() }, env));
  });
  afterAll(async () => {
    await Promise.all([api?.process.stop(), worker?.stop()]);
    await Promise.all([browser?.close(), sandbox?.stop(), postgres?.stop()]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("fails /readyz and says 'unavailable' in the SPA while it is down, and recovers without restarting the api or the worker", async ({ task }) => {
    if (!api || !worker || !postgres) throw new Error("the stack did not start");
    const figures = { scenario: "PostgreSQL restarted", injected: 0, survived: 0, syncsRequested: 0, syncsLost: 0, details: {} as Record<string, number> };
    recordFigures(task, figures);
    const admin = new ApiSession(api.url);
    await admin.signIn(ADMIN_EMAIL, DEMO_PASSWORD);
    const page = await browser.newPage();
    await signInThroughSpa(page, api.url);
    await page.goto(`${api.url}/services`);
    await expectServicesPage(page);

    await postgres.stop();
    figures.injected++;
    const downAt = Date.now();

    const down = await eventually("/readyz to fail", async () => {
      const answer = await readiness(api as RunningApi);
      return answer.status === 503 ? answer : undefined;
    });
    expect(down.body).toMatchObject({ status: "unavailable", database: "unreachable" });
    // A signed-in call fails as a server error with the generic message, not the driver's. (Outside
    // production tRPC adds the stack under data.stack; the SPA never shows it.)
    const failed = await admin.query<ServiceList>("service.list", {});
    expect(failed.status).toBe(500);
    expect(failed.error?.message).toBe("Something went wrong on the server. Please try again.");

    // The page, loaded afresh while the database is down, says so and shows no raw error.
    await page.goto(`${api.url}/services`);
    await page.getByText(UNAVAILABLE_BANNER).waitFor({ timeout: 15_000 });
    expect(await page.locator("body").textContent()).not.toMatch(RAW_ERROR_TEXT);

    await sleep(downAt + OUTAGE_MS - Date.now());
    expect((await readiness(api)).status).toBe(503);
    postgres = await startEmbeddedPostgres({ dataDir, port });
    figures.details.outageMs = Date.now() - downAt;

    // Everything recovers on its own: the same api and worker processes, the same session.
    const backAt = Date.now();
    const up = await eventually(
      "/readyz to recover",
      async () => {
        const answer = await readiness(api as RunningApi);
        return answer.status === 200 ? answer : undefined;
      },
      15_000,
    );
    figures.details.readyAgainMs = Date.now() - backAt;
    expect(up.body).toMatchObject({ status: "ok", database: "ok", jobStore: "ok" });
    await expectServicesPage(page);
    expect(await page.getByText(UNAVAILABLE_BANNER).count()).toBe(0);
    expect(await page.locator("body").textContent()).not.toMatch(RAW_ERROR_TEXT);
    figures.details.spaAgainMs = Date.now() - backAt;
    const service = await findService(admin, SCHNELLBERATUNG);

    const patchesBefore = sandbox.requests.filter((request) => request.method === "PATCH").length;
    const queuedAt = Date.now();
    const queued = await admin.mutation<SyncOutcome>("service.sync", { id: service.id });
    syncRequested(figures);
    expect(queued.data).toMatchObject({ outcome: "queued" });
    const synced = await eventually(
      "the sync queued after the restart to finish",
      async () => {
        const current = await serviceById(admin, service.id);
        return current.syncStatus === "pending" ? undefined : current;
      },
      WORKER_RECOVERY_MS,
      100,
    );
    figures.details.syncAfterRestartMs = Date.now() - queuedAt;
    expect(synced).toMatchObject({ syncStatus: "synced", syncError: null });
    figures.syncsLost--;
    expect(sandbox.requests.filter((request) => request.method === "PATCH")).toHaveLength(patchesBefore + 1);

    expect({ api: api.process.isRunning(), worker: worker.isRunning() }).toEqual({ api: true, worker: true });
    await page.close();
    figures.survived = figures.injected;
  });
});
