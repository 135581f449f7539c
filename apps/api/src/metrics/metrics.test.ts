import type { Orm } from "@askpro/db";
import { createTestOrm, type TestOrm } from "@askpro/db/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceDto } from "../routers/service/service.dto";
import { bodyOf, type ListeningApp, listen, postJson, signInOverHttp } from "../../test/support/http";
import { DEMO_PASSWORD, testEnv } from "../../test/support/testbed";
import { metricsAccess } from "./metrics-endpoint";

const CALCOM_API_KEY = "cal_test_metrics_must_not_show_0123456789";
const METRICS_TOKEN = "metrics-token-0123456789abcdef";

/** `name{labels} value` lines of a Prometheus text exposition, keyed by everything before the value. */
function samples(text: string): Map<string, number> {
  const lines = text.split("\n").filter((line) => line && !line.startsWith("#"));
  return new Map(lines.map((line) => [line.slice(0, line.lastIndexOf(" ")), Number(line.slice(line.lastIndexOf(" ") + 1))]));
}

/** Services per company slug and status, counted here independently of the api's query. */
async function servicesInDatabase(orm: Orm): Promise<Map<string, number>> {
  const rows = await orm.em
    .getConnection()
    .execute<{ slug: string; sync_status: string; n: string }[]>(
      "SELECT c.slug, s.sync_status, count(*) AS n FROM services s JOIN companies c ON c.id = s.company_id GROUP BY c.slug, s.sync_status",
    );
  return new Map(rows.map((row) => [`askpro_services{company="${row.slug}",sync_status="${row.sync_status}"}`, Number(row.n)]));
}

describe("GET /metrics", () => {
  let db: TestOrm;
  let app: ListeningApp;
  beforeAll(async () => {
    db = await createTestOrm({ seed: true });
    app = await listen({ orm: db.orm, env: testEnv(db.url, { CALCOM_API_KEY }), logger: pino({ level: "silent" }) });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const scrape = async () => {
    const response = await fetch(`${app.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };

  it("counts sync requests by outcome and procedure calls exactly, and reports services per sync status from the database", async () => {
    const cookie = await signInOverHttp(app.url, "admin@askpro.test", DEMO_PASSWORD);
    const before = samples(await scrape());

    const listed = await fetch(`${app.url}/trpc/service.list?input=${encodeURIComponent(JSON.stringify({ pageSize: 100 }))}`, { headers: { cookie } });
    expect(listed.status).toBe(200);
    const { items } = (await bodyOf<{ result: { data: { items: ServiceDto[] } } }>(listed)).result.data;
    const byName = (name: string) => items.find((service) => service.name === name)?.id;
    const sync = async (id: string | undefined) =>
      (await bodyOf<{ result: { data: { outcome: string } } }>(await postJson(`${app.url}/trpc/service.sync`, { id }, { cookie }))).result.data.outcome;
    expect(await sync(byName("15 Minuten Schnellberatung"))).toBe("queued");
    expect(await sync(byName("Rückruf-Service"))).toBe("no_event_type");
    expect(await sync(byName("Vor-Ort-Termin"))).toBe("already_pending");

    const text = await scrape();
    const after = samples(text);
    const moved = (sample: string) => (after.get(sample) ?? 0) - (before.get(sample) ?? 0);
    expect(moved('askpro_sync_requests_total{outcome="queued"}')).toBe(1);
    expect(moved('askpro_sync_requests_total{outcome="no_event_type"}')).toBe(1);
    expect(moved('askpro_sync_requests_total{outcome="already_pending"}')).toBe(1);
    expect(after.get('askpro_sync_requests_total{outcome="enqueue_failed"}')).toBe(0);
    expect(moved('askpro_api_requests_total{procedure="service.list",code="OK"}')).toBe(1);
    expect(moved('askpro_api_requests_total{procedure="service.sync",code="OK"}')).toBe(3);
    expect(moved('askpro_api_request_duration_seconds_count{procedure="service.sync"}')).toBe(3);
    expect(after.get('askpro_api_requests_total{procedure="auth.signIn",code="OK"}')).toBe(1);

    const expected = await servicesInDatabase(db.orm);
    const reported = new Map([...after].filter(([sample]) => sample.startsWith("askpro_services{")));
    for (const [sample, count] of expected) expect(reported.get(sample), sample).toBe(count);
    for (const [sample, count] of reported) expect(count, sample).toBe(expected.get(sample) ?? 0);
    expect(moved('askpro_services{company="askproai",sync_status="pending"}')).toBe(1);

    expect(after.has("process_cpu_user_seconds_total")).toBe(true);
    expect(text).not.toContain(CALCOM_API_KEY);
  });

  it("counts an unknown procedure under one label, with its error code", async () => {
    const before = samples(await scrape());
    expect((await fetch(`${app.url}/trpc/no.such.procedure`)).status).toBe(404);
    expect((await fetch(`${app.url}/trpc/service.list`)).status).toBe(401);
    // Counted when the response has finished, which the client may see a moment before.
    const moved = async (sample: string) => {
      const after = samples(await scrape());
      return (after.get(sample) ?? 0) - (before.get(sample) ?? 0);
    };
    await expect.poll(() => moved('askpro_api_requests_total{procedure="unknown",code="NOT_FOUND"}')).toBe(1);
    await expect.poll(() => moved('askpro_api_requests_total{procedure="service.list",code="UNAUTHORIZED"}')).toBe(1);
    expect([...samples(await scrape()).keys()].some((sample) => sample.includes("no.such.procedure"))).toBe(false);
  });

  it("answers only direct requests from this machine, or with METRICS_TOKEN a bearer of it", async () => {
    expect((await fetch(`${app.url}/metrics`, { headers: { "x-forwarded-for": "203.0.113.7" } })).status).toBe(403);

    const guarded = await listen({ orm: db.orm, env: testEnv(db.url, { METRICS_TOKEN }), logger: pino({ level: "silent" }) });
    try {
      const anonymous = await fetch(`${guarded.url}/metrics`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
      expect((await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } })).status).toBe(401);
      const authorized = await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(authorized.status).toBe(200);
      expect(await authorized.text()).toContain("askpro_services{");
    } finally {
      await guarded.close();
    }

    // Another machine cannot be simulated over a socket here; the decision itself:
    expect(metricsAccess({ headers: {}, remoteAddress: "10.0.0.8" }, undefined)).toBe("forbidden");
    expect(metricsAccess({ headers: {}, remoteAddress: "::ffff:127.0.0.1" }, undefined)).toBe("allowed");
    expect(metricsAccess({ headers: { authorization: `Bearer ${METRICS_TOKEN}` }, remoteAddress: "10.0.0.8" }, METRICS_TOKEN)).toBe("allowed");
  });
});
