import { createTestOrm, type TestOrm } from "@askpro/db/testing";
import { eventually } from "@askpro/jobs/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capturingLogger, type ListeningApp, listen, postJson, signInOverHttp } from "../test/support/http";
import { DEMO_PASSWORD, testEnv } from "../test/support/testbed";

type Line = Record<string, unknown>;

describe("request log", () => {
  let db: TestOrm;
  let app: ListeningApp;
  let log: ReturnType<typeof capturingLogger>;
  let cookie: string;
  const parsed = (from = 0) => log.lines.slice(from).map((line) => JSON.parse(line) as Line);
  /** The line is written when the response has been sent, which the client may see first. */
  const requestLines = (path: string, from = 0) =>
    eventually(() => {
      const lines = parsed(from).filter((line) => line.path === path);
      return lines.length ? lines : undefined;
    });

  beforeAll(async () => {
    db = await createTestOrm({ seed: true });
    log = capturingLogger();
    app = await listen({ orm: db.orm, env: testEnv(db.url), logger: log.logger });
    cookie = await signInOverHttp(app.url, "admin@askpro.test", DEMO_PASSWORD);
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it("writes one line per request: id, method, path, status and time, no headers, no query string", async () => {
    const from = log.lines.length;
    const input = encodeURIComponent(JSON.stringify({ search: "term-typed-by-a-user" }));
    const response = await fetch(`${app.url}/trpc/service.list?input=${input}`, { headers: { cookie, authorization: "Bearer some-token" } });
    expect(response.status).toBe(200);
    await response.arrayBuffer();

    expect(await requestLines("/trpc/service.list", from)).toEqual([
      {
        level: 30,
        time: expect.any(Number),
        pid: expect.any(Number),
        hostname: expect.any(String),
        reqId: expect.any(Number),
        method: "GET",
        path: "/trpc/service.list",
        status: 200,
        responseTime: expect.any(Number),
        msg: "request completed",
      },
    ]);
    const text = log.text();
    for (const secret of ["term-typed-by-a-user", cookie.split("=")[1] ?? "", "some-token"]) expect(text).not.toContain(secret);
  });

  it("leaves the probes out", async () => {
    for (const probe of ["/healthz", "/readyz"]) await (await fetch(`${app.url}${probe}`)).arrayBuffer();
    // Written after the probes' lines would have been.
    await (await fetch(`${app.url}/trpc/auth.me`, { headers: { cookie } })).arrayBuffer();
    await requestLines("/trpc/auth.me");
    expect(parsed().filter((line) => line.path === "/healthz" || line.path === "/readyz")).toEqual([]);
  });

  it("ties what a request logs on its way to its request line by reqId", async () => {
    const from = log.lines.length;
    const response = await postJson(`${app.url}/trpc/service.delete`, { id: "x" }, { cookie, origin: "https://evil.example" });
    expect(response.status).toBe(403);
    await response.arrayBuffer();

    const [request] = await requestLines("/trpc/service.delete", from);
    const refused = parsed(from).find((line) => line.event === "cross-origin-refused");
    expect(request).toMatchObject({ method: "POST", status: 403, msg: "request completed" });
    expect(refused?.reqId).toBe(request?.reqId);
    const ids = parsed(0).filter((line) => line.msg === "request completed").map((line) => line.reqId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
