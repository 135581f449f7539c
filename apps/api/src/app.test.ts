import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { createOrm, type Orm } from "@askpro/db";
import { createTestDatabase, createTestOrm, type TestOrm } from "@askpro/db/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectJobsOnDemand } from "./jobs";
import { bodyOf, capturingLogger, listen, postJson, type TrpcErrorBody as TrpcError } from "../test/support/http";
import { DEMO_PASSWORD, testEnv } from "../test/support/testbed";

describe("HTTP app", () => {
  let db: TestOrm;
  let orm: Orm;
  let log: ReturnType<typeof capturingLogger>;
  let app: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    db = await createTestOrm({ seed: true });
    // A fresh ORM, as in production: nothing has connected before the first request.
    orm = await createOrm(db.url);
    log = capturingLogger();
    app = await listen({ orm, env: testEnv(db.url), logger: log.logger });
  });
  afterAll(async () => {
    await app.close();
    await orm.close();
    await db.close();
  });

  const signIn = async () => {
    const response = await postJson(`${app.url}/trpc/auth.signIn`, { email: "admin@askpro.test", password: DEMO_PASSWORD });
    expect(response.status).toBe(200);
    return response;
  };

  it("answers /healthz and /readyz", async () => {
    const health = await fetch(`${app.url}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: "ok" }]);
    await orm.em.getConnection().execute(
      "insert into worker_heartbeats (worker_id, beat_at, started_at, hostname, pid) values ('test-host:1', now() - interval '2 seconds', now(), 'test-host', 1)",
    );
    const ready = await fetch(`${app.url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: "ok", database: "ok", jobStore: "ok", worker: "ok" }]);
  });

  it("reports a missing worker on /readyz, and stays ready: the database alone decides", async () => {
    const connection = orm.em.getConnection();
    await connection.execute("delete from worker_heartbeats");
    const none = await fetch(`${app.url}/readyz`);
    expect([none.status, await none.json()]).toEqual([200, { status: "ok", database: "ok", jobStore: "ok", worker: "missing" }]);
    // A worker killed without a clean stop leaves its row behind: older than the allowed age, it is not alive.
    await connection.execute(
      "insert into worker_heartbeats (worker_id, beat_at, started_at, hostname, pid) values ('test-host:2', now() - interval '61 seconds', now() - interval '1 hour', 'test-host', 2)",
    );
    const stale = await fetch(`${app.url}/readyz`);
    expect([stale.status, await stale.json()]).toEqual([200, { status: "ok", database: "ok", jobStore: "ok", worker: "missing" }]);
    await connection.execute("update worker_heartbeats set beat_at = now()");
    expect(await (await fetch(`${app.url}/readyz`)).json()).toMatchObject({ worker: "ok" });
  });

  it("stays ready without its job store, saying so, and reports not ready when the database is gone", async () => {
    const doomed = await createTestDatabase();
    const doomedOrm = await createOrm(doomed.url);
    const jobs = connectJobsOnDemand({ databaseUrl: doomed.url, jobsDbUrl: "mongodb://127.0.0.1:1/askpro?serverSelectionTimeoutMS=200" });
    const lonely = await listen({ orm: doomedOrm, env: testEnv(doomed.url), logger: pino({ level: "silent" }), jobs });
    try {
      const degraded = await fetch(`${lonely.url}/readyz`);
      // An empty database (no migrations): nobody can tell whether a worker beats.
      expect([degraded.status, await degraded.json()]).toEqual([200, { status: "ok", database: "ok", jobStore: "unreachable", worker: "unknown" }]);
      await doomed.drop();
      const ready = await fetch(`${lonely.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: "unavailable", database: "unreachable", jobStore: "unreachable", worker: "unknown" });

      const failed = await postJson(`${lonely.url}/trpc/auth.signIn`, { email: "admin@askpro.test", password: DEMO_PASSWORD });
      const text = await failed.text();
      expect(failed.status).toBe(500);
      expect(JSON.parse(text).error.message).toBe("Something went wrong on the server. Please try again.");
      // No stack trace, driver text or address reaches the client, outside production too.
      expect(text).not.toMatch(/stack|postgres|127\.0\.0\.1|node_modules/i);
    } finally {
      await lonely.close();
      await doomedOrm.close();
    }
  });

  it("sends helmet's security headers on tRPC answers, errors included", async () => {
    for (const response of [await fetch(`${app.url}/trpc/auth.me`), await postJson(`${app.url}/trpc/auth.signIn`, {})]) {
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("SAMEORIGIN");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'self'");
      expect(response.headers.get("x-powered-by")).toBeNull();
    }
  });

  it("sets the session cookie httpOnly, SameSite=Lax, on path / and without Secure outside production", async () => {
    const cookie = (await signIn()).headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^askpro_session=[\w-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).toContain("Max-Age=2592000");
    expect(cookie).not.toContain("Secure");
  });

  it("marks the cookie Secure in production", async () => {
    const production = await listen({ orm, env: testEnv(db.url, { NODE_ENV: "production" }), logger: pino({ level: "silent" }) });
    try {
      const response = await postJson(`${production.url}/trpc/auth.signIn`, { email: "admin@askpro.test", password: DEMO_PASSWORD });
      expect(response.headers.get("set-cookie")).toContain("Secure");
      expect(response.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
      expect(response.headers.get("strict-transport-security")).toContain("max-age=");
    } finally {
      await production.close();
    }
  });

  it("serves procedures to the cookie it set, and keeps the cookie out of the logs", async () => {
    const token = (await signIn()).headers.get("set-cookie")?.split(";")[0] ?? "";
    const response = await fetch(`${app.url}/trpc/auth.me`, { headers: { cookie: token } });
    expect(response.status).toBe(200);
    expect((await bodyOf<{ result: { data: unknown } }>(response)).result.data).toMatchObject({ email: "admin@askpro.test", role: "admin" });

    const secret = token.split("=")[1] ?? "";
    expect(secret.length).toBeGreaterThan(20);
    expect(log.lines.join("")).not.toContain(secret);
    expect(log.lines.join("")).not.toContain(DEMO_PASSWORD);
  });

  it("answers invalid input with 400 BAD_REQUEST carrying the zod issues, not a 500", async () => {
    const cookie = (await signIn()).headers.get("set-cookie")?.split(";")[0] ?? "";
    const response = await postJson(`${app.url}/trpc/service.create`, { name: "", durationMinutes: 1000, slug: "mit leerzeichen" }, { cookie });
    expect(response.status).toBe(400);
    const { error } = await bodyOf<TrpcError>(response);
    expect(error.data.code).toBe("BAD_REQUEST");
    const issues = error.data.zodIssues ?? [];
    expect(issues.map((issue) => issue.path.join("."))).toEqual(expect.arrayContaining(["name", "durationMinutes", "slug"]));
    expect(issues.find((issue) => issue.path[0] === "slug")?.message).toMatch(/lowercase letters, digits and single dashes/);
  });

  it("answers malformed JSON and oversized bodies with 4xx", async () => {
    const malformed = await fetch(`${app.url}/trpc/auth.signIn`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(malformed.status).toBe(400);
    const huge = await postJson(`${app.url}/trpc/auth.signIn`, { email: "a@b.test", password: "x".repeat(1_100_000) });
    expect(huge.status).toBe(413);
  });

  it("answers UNAUTHORIZED with 401 and the same message for a wrong password", async () => {
    const response = await postJson(`${app.url}/trpc/auth.signIn`, { email: "admin@askpro.test", password: "wrong" });
    expect(response.status).toBe(401);
    expect((await bodyOf<TrpcError>(response)).error.message).toBe("Invalid email or password");
  });
});

describe("HTTP app serving the built SPA", () => {
  let db: TestOrm;
  let webDist: string;
  let app: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    db = await createTestOrm();
    webDist = mkdtempSync(join(tmpdir(), "askpro-web-dist-"));
    mkdirSync(join(webDist, "assets"));
    writeFileSync(join(webDist, "index.html"), "<!doctype html><title>AskPro</title>");
    writeFileSync(join(webDist, "assets", "app-1234.js"), "console.log('app')");
    writeFileSync(join(webDist, "assets", "routes-5678.js"), ROUTES_JS);
    app = await listen({ orm: db.orm, env: testEnv(db.url), logger: pino({ level: "silent" }), webDist });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
    rmSync(webDist, { recursive: true, force: true });
  });

  it("falls back to index.html for client-side routes", async () => {
    for (const path of ["/", "/services/0f8fad5b-d9cb-469f-a165-70867728950e/edit"]) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("<title>AskPro</title>");
      expect(response.headers.get("cache-control")).toBe("no-cache");
      // Served over plain http outside production: nothing may push the browser to https.
      expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
      expect(response.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
      expect(response.headers.get("strict-transport-security")).toBeNull();
    }
  });

  it("serves hashed assets for a year and 404s missing ones instead of sending HTML", async () => {
    const asset = await fetch(`${app.url}/assets/app-1234.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toContain("immutable");
    expect((await fetch(`${app.url}/assets/missing.js`)).status).toBe(404);
  });

  it("sends a script gzipped to a browser that accepts gzip, and as it is to one that does not", async () => {
    const gzipped = await rawGet(`${app.url}/assets/routes-5678.js`, { "accept-encoding": "gzip" });
    expect(gzipped.status).toBe(200);
    expect(gzipped.headers["content-encoding"]).toBe("gzip");
    expect(gzipped.headers.vary).toMatch(/accept-encoding/i);
    expect(gzipped.body.length).toBeLessThan(ROUTES_JS.length / 4);
    expect(gunzipSync(gzipped.body).toString()).toBe(ROUTES_JS);

    const plain = await rawGet(`${app.url}/assets/routes-5678.js`, { "accept-encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(ROUTES_JS);
  });

  it("leaves /metrics uncompressed for the scraper", async () => {
    const metrics = await rawGet(`${app.url}/metrics`, { "accept-encoding": "gzip" });
    expect(metrics.status).toBe(200);
    expect(metrics.headers["content-encoding"]).toBeUndefined();
    // Big enough that the compressor would have taken it.
    expect(metrics.body.length).toBeGreaterThan(1024);
    expect(metrics.body.toString()).toContain("# TYPE");
  });

  it("keeps tRPC errors as JSON", async () => {
    const response = await fetch(`${app.url}/trpc/service.nothing`);
    expect(response.status).toBe(404);
    expect((await bodyOf<TrpcError>(response)).error.data.code).toBe("NOT_FOUND");
  });
});

/** A script well over the compressor's 1 kB threshold. */
const ROUTES_JS = Array.from({ length: 400 }, (_, i) => `export const route${i} = () => import("./page-${i}.js");`).join("\n");

/** GET without fetch's transparent decompression: the bytes as they went over the wire. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    }).on("error", reject);
  });
}
