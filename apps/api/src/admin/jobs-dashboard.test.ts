import { Service } from "@askpro/db";
import { createTestOrm, type TestOrm } from "@askpro/db/testing";
import { SYNC_JOB } from "@askpro/jobs";
import { startTestMongo, type TestMongo } from "@askpro/jobs/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CROSS_ORIGIN_REFUSED } from "../origin-guard";
import { STATS_NOT_HERE } from "./jobs-dashboard";
import { connectJobsOnDemand } from "../jobs";
import { type ListeningApp, listen, postJson, signInOverHttp } from "../../test/support/http";
import { DEMO_PASSWORD, testEnv } from "../../test/support/testbed";

interface AgendashJobs {
  overview: { displayName: string; total: number }[];
  jobs: { job: { _id: string; name: string; data: { serviceId?: string } } }[];
}

const EVIL = "https://evil.example";

/** Runs on both job stores: the application's PostgreSQL, and MongoDB (the bundled test server, or MONGODB_URL). */
describe.each([
  ["PostgreSQL", false],
  ["MongoDB", true],
])("Agendash at /admin/jobs, jobs in %s", (_store, onMongo) => {
  let db: TestOrm;
  let mongo: TestMongo | undefined;
  let app: ListeningApp;
  const cookies: Record<string, string> = {};
  let serviceId: string;
  let assetPath: string;

  beforeAll(async () => {
    db = await createTestOrm({ seed: true });
    mongo = onMongo ? await startTestMongo() : undefined;
    const env = testEnv(db.url, { JOBS_DB_URL: mongo?.url });
    const jobs = connectJobsOnDemand({ databaseUrl: db.url, jobsDbUrl: mongo?.url, name: "api", processEvery: "1 minute", onError: () => undefined });
    app = await listen({ orm: db.orm, env, logger: pino({ level: "silent" }), jobs });
    for (const email of ["operator@askpro.test", "admin@askpro.test", "viewer@askpro.test", "admin@praxis-nord.test"]) {
      cookies[email] = await signInOverHttp(app.url, email, DEMO_PASSWORD, { origin: app.url });
    }
    // A real job in the store: the demo admin queues a sync (no worker runs here, so it stays queued).
    serviceId = (await db.orm.em.fork().findOneOrFail(Service, { slug: "60-minuten-strategieberatung" })).id;
    const queued = await postJson(`${app.url}/trpc/service.sync`, { id: serviceId }, { cookie: cookies["admin@askpro.test"] ?? "", origin: app.url });
    expect(queued.status).toBe(200);
    const page = await fetch(`${app.url}/admin/jobs/`, { headers: { cookie: cookies["operator@askpro.test"] ?? "" } });
    assetPath = /src="\.\/(assets\/[^"]+\.js)"/.exec(await page.text())?.[1] ?? "no asset in the page";
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await mongo?.stop();
    await db?.close();
  });

  const get = (path: string, email?: string) => fetch(`${app.url}/admin/jobs${path}`, { redirect: "manual", headers: email ? { cookie: cookies[email] ?? "" } : {} });

  it("serves the dashboard, its assets and its api to the platform operator", async () => {
    const page = await get("/", "operator@askpro.test");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>Agendash</title>");
    expect(assetPath).toMatch(/^assets\/index-.+\.js$/);
    const asset = await get(`/${assetPath}`, "operator@askpro.test");
    expect(asset.status).toBe(200);
    expect(asset.headers.get("content-type")).toMatch(/javascript/);
  });

  it("redirects /admin/jobs to /admin/jobs/, where the page's relative assets resolve", async () => {
    const response = await get("", "operator@askpro.test");
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe("/admin/jobs/");
  });

  it("lists the job the api queued, read through the api's own job store connection", async () => {
    const response = await get(`/api?job=${encodeURIComponent(SYNC_JOB)}`, "operator@askpro.test");
    expect(response.status).toBe(200);
    const body = (await response.json()) as AgendashJobs;
    expect(body.jobs.map(({ job }) => [job.name, job.data.serviceId])).toContainEqual([SYNC_JOB, serviceId]);
    expect(body.overview).toContainEqual(expect.objectContaining({ displayName: SYNC_JOB, total: 1 }));
  });

  it("answers the running stats with 501 and why: they belong to the workers, which run the jobs", async () => {
    const response = await get("/api/stats", "operator@askpro.test");
    expect(response.status).toBe(501);
    expect(await response.json()).toEqual({ error: STATS_NOT_HERE });
  });

  it.each(["/", "/api", "/api/stats"])("answers %s with 401 when signed out", async (path) => {
    expect((await get(path)).status).toBe(401);
  });

  it("guards the static assets too: 401 signed out, 403 for a company admin", async () => {
    expect((await get(`/${assetPath}`)).status).toBe(401);
    expect((await get(`/${assetPath}`, "admin@askpro.test")).status).toBe(403);
  });

  it.each(["admin@askpro.test", "viewer@askpro.test", "admin@praxis-nord.test"])("refuses %s with 403 (page and api)", async (email) => {
    expect((await get("/", email)).status).toBe(403);
    const api = await get("/api", email);
    expect(api.status).toBe(403);
    expect(await api.text()).not.toContain(serviceId);
  });

  it("cannot requeue a second sync job beside the service's live one: the store's one-live-job index refuses it", async () => {
    const jobId = await syncJobId();
    const response = await postJson(`${app.url}/admin/jobs/api/jobs/requeue`, { jobIds: [jobId] }, { cookie: cookies["operator@askpro.test"] ?? "", origin: app.url });
    expect(response.status).not.toBe(200);
    const listed = (await (await get(`/api?job=${encodeURIComponent(SYNC_JOB)}`, "operator@askpro.test")).json()) as AgendashJobs;
    expect(listed.jobs.filter(({ job }) => job.data.serviceId === serviceId)).toHaveLength(1);
  });

  it("refuses a company admin's state-changing request with 403 and leaves the job", async () => {
    const jobId = await syncJobId();
    const response = await postJson(`${app.url}/admin/jobs/api/jobs/delete`, { jobIds: [jobId] }, { cookie: cookies["admin@askpro.test"] ?? "", origin: app.url });
    expect(response.status).toBe(403);
    expect(await syncJobId()).toBe(jobId);
  });

  it("refuses the operator's cross-origin POST (CSRF guard) and leaves the job; the same POST from its own origin deletes it", async () => {
    const jobId = await syncJobId();
    const operator = cookies["operator@askpro.test"] ?? "";
    const refused = await postJson(`${app.url}/admin/jobs/api/jobs/delete`, { jobIds: [jobId] }, { cookie: operator, origin: EVIL });
    expect(refused.status).toBe(403);
    expect(JSON.stringify(await refused.json())).toContain(CROSS_ORIGIN_REFUSED);
    expect(await syncJobId()).toBe(jobId);

    const deleted = await postJson(`${app.url}/admin/jobs/api/jobs/delete`, { jobIds: [jobId] }, { cookie: operator, origin: app.url });
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toMatchObject({ deleted: true, deletedCount: 1 });
    expect(await syncJobId()).toBeUndefined();
  });

  async function syncJobId(): Promise<string | undefined> {
    const response = await get(`/api?job=${encodeURIComponent(SYNC_JOB)}`, "operator@askpro.test");
    const body = (await response.json()) as AgendashJobs;
    return body.jobs.find(({ job }) => job.data.serviceId === serviceId)?.job._id;
  }
});
