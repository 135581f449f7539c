import { Service } from "@askpro/db";
import { createTestOrm, type TestOrm } from "@askpro/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv } from "./env";
import { CROSS_ORIGIN_REFUSED } from "./origin-guard";
import { bodyOf, capturingLogger, type ListeningApp, listen, postJson, signInOverHttp, type TrpcErrorBody } from "../test/support/http";
import { DEMO_PASSWORD, testEnv } from "../test/support/testbed";

const EVIL = "https://evil.example";
const SPA_ORIGIN = "https://admin.askpro.example";

describe("cross-origin (CSRF) protection over HTTP", () => {
  let db: TestOrm;
  let app: ListeningApp;
  let log: ReturnType<typeof capturingLogger>;
  let cookie: string;
  let serviceId: string;

  beforeAll(async () => {
    db = await createTestOrm({ seed: true });
    log = capturingLogger();
    app = await listen({ orm: db.orm, env: testEnv(db.url, { APP_ORIGIN: [SPA_ORIGIN] }), logger: log.logger });
    cookie = await signInOverHttp(app.url, "admin@askpro.test", DEMO_PASSWORD, { origin: app.url });
    serviceId = (await db.orm.em.fork().findOneOrFail(Service, { slug: "rueckruf-service" })).id;
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const deleteService = (headers: Record<string, string>) => postJson(`${app.url}/trpc/service.delete`, { id: serviceId }, { cookie, ...headers });

  it.each([
    ["another site's Origin", { origin: EVIL }],
    ["Origin null (sandboxed frame)", { origin: "null" }],
    ["a look-alike host", { origin: "http://127.0.0.1.evil.example" }],
    ["the api's host on another port", { origin: "http://127.0.0.1:1" }],
    ["another site's Referer without Origin", { referer: `${EVIL}/page.html` }],
    ["a browser's cross-site fetch without Origin or Referer", { "sec-fetch-site": "cross-site" }],
  ])("refuses a mutation with %s: 403, a tRPC FORBIDDEN, nothing changed, logged", async (_, headers) => {
    const before = log.lines.length;
    const response = await deleteService(headers);

    expect(response.status).toBe(403);
    const body = await bodyOf<TrpcErrorBody>(response);
    expect(body.error).toMatchObject({ message: CROSS_ORIGIN_REFUSED, code: -32003, data: { code: "FORBIDDEN", httpStatus: 403, path: "service.delete" } });
    expect(await db.orm.em.fork().count(Service, { id: serviceId })).toBe(1);
    const logged = log.lines.slice(before).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toContainEqual(expect.objectContaining({ event: "cross-origin-refused", method: "POST", level: 40 }));
  });

  it("refuses a cross-origin sign-in too (login CSRF)", async () => {
    const response = await postJson(`${app.url}/trpc/auth.signIn`, { email: "admin@askpro.test", password: DEMO_PASSWORD }, { origin: EVIL });
    expect(response.status).toBe(403);
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("answers a refused batch with one tRPC error per call", async () => {
    const response = await fetch(`${app.url}/trpc/service.delete,auth.signOut?batch=1`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: EVIL, cookie },
      body: JSON.stringify({ 0: { id: serviceId }, 1: {} }),
    });
    expect(response.status).toBe(403);
    const body = await bodyOf<TrpcErrorBody[]>(response);
    expect(body.map((entry) => [entry.error.data.code, entry.error.data.path])).toEqual([
      ["FORBIDDEN", "service.delete"],
      ["FORBIDDEN", "auth.signOut"],
    ]);
  });

  it("lets the api's own origin, an APP_ORIGIN origin and a same-origin Referer through", async () => {
    const allowed: Record<string, string>[] = [{ origin: app.url }, { origin: SPA_ORIGIN }, { referer: `${app.url}/services/${serviceId}` }, { "sec-fetch-site": "same-origin" }];
    for (const headers of allowed) {
      const response = await postJson(`${app.url}/trpc/service.sync`, { id: serviceId }, { cookie, ...headers });
      expect(response.status).toBe(200);
      expect(await bodyOf(response)).toEqual({ result: { data: { outcome: "no_event_type" } } });
    }
  });

  it("lets a client without Origin, Referer or Sec-Fetch-Site through (not a browser: no victim's cookies)", async () => {
    const response = await postJson(`${app.url}/trpc/auth.signIn`, { email: "admin@askpro.test", password: DEMO_PASSWORD });
    expect(response.status).toBe(200);
  });

  it("never guards reads: a cross-origin GET is answered (SameSite=Lax keeps the cookie off cross-site fetches)", async () => {
    const response = await fetch(`${app.url}/trpc/auth.me`, { headers: { origin: EVIL, cookie } });
    expect(response.status).toBe(200);
  });

  it("lets the Vite dev server's origins through by default outside production, and only the api's own in production", async () => {
    const quiet = { LOG_LEVEL: "silent" };
    const dev = await listen({ orm: db.orm, env: loadEnv({ ...quiet, DATABASE_URL: db.url }), logger: log.logger });
    const production = await listen({
      orm: db.orm,
      env: loadEnv({ ...quiet, DATABASE_URL: db.url, NODE_ENV: "production", APP_SECRET: "production-secret-0123456789abcdefghij" }),
      logger: log.logger,
    });
    try {
      for (const origin of ["http://127.0.0.1:5173", "http://localhost:5173"]) {
        expect((await postJson(`${dev.url}/trpc/auth.signOut`, {}, { origin })).status).toBe(200);
        expect((await postJson(`${production.url}/trpc/auth.signOut`, {}, { origin })).status).toBe(403);
      }
      expect((await postJson(`${production.url}/trpc/auth.signOut`, {}, { origin: production.url })).status).toBe(200);
    } finally {
      await dev.close();
      await production.close();
    }
  });
});
