import { hasLiveJob } from "@askpro/jobs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type MetricsServer, startMetricsServer } from "../src/metrics/metrics-server";
import { createWorkerMetrics } from "../src/metrics/worker-metrics";
import { eventually, TEAM_PATCH, useSyncTestbed } from "./support/testbed";

/** `name{labels} value` lines of a Prometheus text exposition, keyed by everything before the value. */
function samples(text: string): Map<string, number> {
  const lines = text.split("\n").filter((line) => line && !line.startsWith("#"));
  return new Map(lines.map((line) => [line.slice(0, line.lastIndexOf(" ")), Number(line.slice(line.lastIndexOf(" ") + 1))]));
}

const TEAM_EVENT_TYPE = 'route="/v2/teams/{teamId}/event-types/{eventTypeId}"';

describe("the worker's metrics", () => {
  const testbed = useSyncTestbed("postgres");
  const metrics = createWorkerMetrics();
  let server: MetricsServer;
  beforeAll(async () => {
    server = await startMetricsServer({ registry: metrics.registry, host: "127.0.0.1", port: 0 });
  });
  afterAll(() => server.close());

  /** The job's handler has returned (and so recorded its metrics) once its job is no longer live. */
  async function finished(serviceId: string) {
    const service = await testbed.settled(serviceId);
    await eventually(async () => !(await hasLiveJob(testbed.api, serviceId)));
    return service;
  }

  it("count one sync that succeeded after a retry and one that failed, with Cal.com's answers by path template", async () => {
    const apiKey = testbed.freshKey();
    const retried = await testbed.createService();
    const missing = await testbed.createService({ calcomEventTypeId: 3664799 });
    testbed.sandbox.setFault(TEAM_PATCH, { kind: "status", status: 503, message: "Service Unavailable" }, 1);
    await testbed.requestSync(retried.id);
    await testbed.startWorker({ apiKey, metrics });
    expect(await finished(retried.id)).toMatchObject({ syncStatus: "synced" });
    await testbed.requestSync(missing.id);
    expect(await finished(missing.id)).toMatchObject({ syncStatus: "error" });

    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    const scraped = samples(text);
    expect(scraped.get('askpro_sync_jobs_total{outcome="succeeded"}')).toBe(1);
    expect(scraped.get('askpro_sync_jobs_total{outcome="retrying"}')).toBe(1);
    expect(scraped.get('askpro_sync_jobs_total{outcome="failed"}')).toBe(1);
    expect(scraped.get('askpro_sync_jobs_total{outcome="skipped"}')).toBe(0);
    // The retry's run is not a pickup: it waited for its backoff on purpose.
    expect(scraped.get("askpro_sync_job_pickup_delay_seconds_count")).toBe(2);
    expect(scraped.get("askpro_sync_job_pickup_delay_seconds_sum")).toBeGreaterThanOrEqual(0);
    expect(scraped.get("askpro_sync_job_pickup_delay_seconds_sum")).toBeLessThan(10);
    expect(scraped.get('askpro_sync_job_duration_seconds_count{outcome="succeeded"}')).toBe(1);
    expect(scraped.get('askpro_sync_job_duration_seconds_count{outcome="retrying"}')).toBe(1);
    expect(scraped.get('askpro_sync_job_duration_seconds_count{outcome="failed"}')).toBe(1);
    expect(scraped.get(`askpro_calcom_requests_total{method="PATCH",${TEAM_EVENT_TYPE},status_class="5xx"}`)).toBe(1);
    expect(scraped.get(`askpro_calcom_requests_total{method="PATCH",${TEAM_EVENT_TYPE},status_class="2xx"}`)).toBe(1);
    expect(scraped.get(`askpro_calcom_requests_total{method="PATCH",${TEAM_EVENT_TYPE},status_class="4xx"}`)).toBe(1);
    expect(scraped.get(`askpro_calcom_request_duration_seconds_count{method="PATCH",${TEAM_EVENT_TYPE}}`)).toBe(3);
    expect(scraped.has("process_cpu_user_seconds_total")).toBe(true);
    expect(scraped.has("nodejs_eventloop_lag_seconds")).toBe(true);
    expect(text).not.toContain(apiKey);
    expect(text).not.toContain("cal_test_");

    expect((await fetch(new URL("/", server.url))).status).toBe(404);
  });
});
