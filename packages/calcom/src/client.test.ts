import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { calcomFailure as failure } from "../test/support/calcom-failure";
import { ASKPRO_TEAM, DEMO_KEY, freshKey, PRAXIS_KEY, useSandbox } from "../test/support/sandbox-fixture";
import { type CalcomRequestObservation, createCalcomClient } from "./client";
import type { CalcomError, CalcomErrorKind } from "./errors";
import { pacerForApiKey } from "./pacer";
import { startCalcomSandbox } from "./sandbox";

const sandbox = useSandbox();
const team = { teamId: ASKPRO_TEAM };

function client(apiKey: string, options: { timeoutMs?: number } = {}) {
  return createCalcomClient({ baseUrl: sandbox.current.url, apiKey, ...options });
}

/** Everything an error carries, as a log line or an error tracker would print it. */
function everythingIn(error: CalcomError): string {
  return `${inspect(error, { depth: Number.POSITIVE_INFINITY, showHidden: true })} ${JSON.stringify({ ...error })} ${String(error.cause)}`;
}

function expectKind(error: CalcomError, kind: CalcomErrorKind, retryable: boolean, apiKey: string) {
  expect(error.kind).toBe(kind);
  expect(error.retryable).toBe(retryable);
  expect(everythingIn(error)).not.toContain(apiKey);
}

describe("Cal.com client against the sandbox", () => {
  it("reads the key's user, its event types and a team's, with Cal.com's field names", async () => {
    const calcom = client(DEMO_KEY);
    expect(await calcom.me()).toMatchObject({ id: 1201, username: "askproai" });
    expect((await calcom.listEventTypes()).map((e) => e.id)).toEqual([3664750]);
    const teamTypes = await calcom.listEventTypes(team);
    expect(teamTypes.map((e) => e.id)).toEqual([3664712, 3664713, 3664714, 3664715, 3664716, 3664717, 3664718, 3664719]);
    expect(await calcom.getEventType(3664712, team)).toMatchObject({ title: "15 Minuten Schnellberatung", lengthInMinutes: 15, price: 0, currency: "eur" });
  });

  it("updates a team event type and Cal.com holds exactly the sent fields", async () => {
    const updated = await client(DEMO_KEY).updateEventType(3664712, { title: "15 Min Beratung", lengthInMinutes: 20, hidden: true }, team);
    expect(updated).toMatchObject({ id: 3664712, title: "15 Min Beratung", lengthInMinutes: 20, hidden: true, slug: "15-minuten-schnellberatung" });
    expect(sandbox.current.getEventType(3664712)).toMatchObject({ title: "15 Min Beratung", lengthInMinutes: 20, hidden: true });
  });

  it("creates and deletes user and team event types", async () => {
    const calcom = client(DEMO_KEY);
    const mine = await calcom.createEventType({ title: "Neu", slug: "neu", lengthInMinutes: 30 });
    const ours = await calcom.createEventType(
      { title: "Team", slug: "team", lengthInMinutes: 30, schedulingType: "roundRobin", assignAllTeamMembers: true },
      team,
    );
    expect(ours).toMatchObject({ teamId: ASKPRO_TEAM, schedulingType: "roundRobin" });
    await calcom.deleteEventType(mine.id);
    await calcom.deleteEventType(ours.id, team);
    expect(sandbox.current.getEventType(mine.id)).toBeUndefined();
    expect(sandbox.current.getEventType(ours.id)).toBeUndefined();
  });

  it("unauthorized: an unknown key, in Cal.com's error envelope", async () => {
    const key = "cal_live_0123456789abcdef_not_a_key";
    const error = await failure(client(key).me());
    expectKind(error, "unauthorized", false, key);
    expect(error).toMatchObject({ status: 401, calcomCode: "UnauthorizedException", calcomMessage: "Invalid API Key" });
  });

  it("forbidden: a key of another team on this team's path", async () => {
    const error = await failure(client(PRAXIS_KEY).updateEventType(3664712, { title: "x" }, team));
    expectKind(error, "forbidden", false, PRAXIS_KEY);
    expect(error.status).toBe(403);
    expect(sandbox.current.getEventType(3664712)?.title).toBe("15 Minuten Schnellberatung");
  });

  it("not_found: a missing event type, and one the key's user does not own", async () => {
    const calcom = client(DEMO_KEY);
    expectKind(await failure(calcom.getEventType(999_999, team)), "not_found", false, DEMO_KEY);
    const teamOwned = await failure(calcom.updateEventType(3664712, { title: "x" }));
    expect(teamOwned).toMatchObject({ kind: "not_found", status: 404, calcomCode: "NotFoundException" });
    expect((await failure(calcom.getEventType(3664800, { teamId: 39204 }))).kind).toBe("forbidden");
  });

  it("validation: Cal.com's 400 with its message, for a bad value and for a slug clash", async () => {
    const calcom = client(DEMO_KEY);
    const bad = await failure(calcom.updateEventType(3664712, { lengthInMinutes: 0 }, team));
    expectKind(bad, "validation", false, DEMO_KEY);
    expect(bad.calcomMessage).toContain("lengthInMinutes must not be less than 1");
    expect(bad.details).toMatchObject({ message: ["lengthInMinutes must not be less than 1"] });
    const clash = await failure(calcom.updateEventType(3664712, { slug: "30-minuten-erstberatung" }, team));
    expect(clash).toMatchObject({ kind: "validation", status: 400 });
    expect(clash.calcomMessage).toBe("Team event type with this slug already exists");
  });

  it("conflict: a 409 (Cal.com's event-type endpoints answer a slug clash with 400, so the sandbox injects it)", async () => {
    sandbox.current.setFault("PATCH /v2/teams/{teamId}/event-types/{eventTypeId}", { kind: "status", status: 409, message: "Conflict" });
    expectKind(await failure(client(DEMO_KEY).updateEventType(3664712, { title: "x" }, team)), "conflict", false, DEMO_KEY);
  });

  it("server: a 5xx is retryable", async () => {
    sandbox.current.setFault("GET /v2/me", { kind: "status", status: 503, message: "Service Unavailable" });
    const error = await failure(client(DEMO_KEY).me());
    expectKind(error, "server", true, DEMO_KEY);
    expect(error).toMatchObject({ status: 503, calcomCode: "ServiceUnavailableException" });
  });

  it("network: a dropped connection, without the key in the message or the cause", async () => {
    sandbox.current.setFault("GET /v2/me", { kind: "drop" });
    const error = await failure(client(DEMO_KEY).me());
    expectKind(error, "network", true, DEMO_KEY);
    expect(error.message).toMatch(/^Cal\.com GET \/v2\/me failed: fetch failed/);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it("timeout: no answer within timeoutMs aborts the request", async () => {
    sandbox.current.setFault("GET /v2/me", { kind: "latency", ms: 1_500 });
    const started = Date.now();
    const error = await failure(client(DEMO_KEY, { timeoutMs: 150 }).me());
    expectKind(error, "timeout", true, DEMO_KEY);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error.message).toContain("within 150 ms");
  });

  it("bad_response: a malformed body is an error, never a crash", async () => {
    sandbox.current.setFault("GET /v2/teams/{teamId}/event-types/{eventTypeId}", { kind: "malformed" });
    const error = await failure(client(DEMO_KEY).getEventType(3664712, team));
    expectKind(error, "bad_response", false, DEMO_KEY);
    expect(error.message).toContain("not valid JSON");
  });

  it("rate_limited: Retry-After becomes retryAfterMs and holds back the key's next request", async () => {
    const key = freshKey(sandbox.current);
    sandbox.current.setFault("GET /v2/me", { kind: "rate_limit", retryAfter: 1 }, 1);
    const calcom = client(key);
    const error = await failure(calcom.me());
    expectKind(error, "rate_limited", true, key);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 1_000, calcomCode: "ThrottlerException" });
    const started = Date.now();
    await calcom.me();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("rate_limited: an HTTP-date Retry-After is honoured too", async () => {
    const key = freshKey(sandbox.current);
    const at = new Date(Date.now() + 3_000).toUTCString();
    sandbox.current.setFault("GET /v2/me", { kind: "rate_limit", retryAfter: at }, 1);
    const error = await failure(client(key).me());
    expect(error.retryAfterMs).toBeGreaterThan(1_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(3_000);
  });

  it("rate_limited: without Retry-After, Cal.com's reset header says how long the key is blocked", async () => {
    const throttled = await startCalcomSandbox({ rateLimit: { limit: 2, windowMs: 60_000, blockMs: 1_200 } });
    try {
      const key = "cal_test_shared_elsewhere";
      throttled.addApiKey(key, 1201);
      // Another process using the same key spends the window's budget.
      for (let i = 0; i < 2; i++) await fetch(`${throttled.url}/v2/me`, { headers: { Authorization: `Bearer ${key}` } });
      const calcom = createCalcomClient({ baseUrl: throttled.url, apiKey: key });
      const error = await failure(calcom.me());
      expectKind(error, "rate_limited", true, key);
      expect(error.retryAfterMs).toBe(2_000);
      expect(throttled.requests.at(-1)?.status).toBe(429);
    } finally {
      await throttled.stop();
    }
  });

  it("tells the key's remaining budget from Cal.com's headers on its latest response", async () => {
    const key = freshKey(sandbox.current);
    const calcom = client(key);
    expect(calcom.lastRateLimit()).toBeUndefined();
    await calcom.me();
    await calcom.getEventType(3664712, team);
    expect(calcom.lastRateLimit()).toMatchObject({ limit: 120, remaining: 118 });
    await failure(calcom.getEventType(999_999, team));
    expect(calcom.lastRateLimit()?.remaining).toBe(117);
  });

  it("shares one pacer per API key in the process, keyed by a hash", () => {
    expect(pacerForApiKey("cal_test_same")).toBe(pacerForApiKey("cal_test_same"));
    expect(pacerForApiKey("cal_test_same")).not.toBe(pacerForApiKey("cal_test_other"));
  });

  it("keeps the key out of the sandbox's request log", async () => {
    await client(DEMO_KEY).me();
    expect(JSON.stringify(sandbox.current.requests)).not.toContain(DEMO_KEY);
  });

  it("tells onRequest each request's method, path template, status and duration, never ids or the key", async () => {
    const apiKey = freshKey(sandbox.current);
    const seen: CalcomRequestObservation[] = [];
    const calcom = createCalcomClient({ baseUrl: sandbox.current.url, apiKey, onRequest: (request) => seen.push(request) });
    await calcom.updateEventType(3664712, { title: "Beobachtet" }, team);
    await failure(calcom.getEventType(999_999, team));
    sandbox.current.setFault("GET /v2/me", { kind: "drop" });
    await failure(calcom.me());
    expect(seen).toEqual([
      { method: "PATCH", route: "/v2/teams/{teamId}/event-types/{eventTypeId}", status: 200, durationMs: expect.any(Number) },
      { method: "GET", route: "/v2/teams/{teamId}/event-types/{eventTypeId}", status: 404, durationMs: expect.any(Number) },
      { method: "GET", route: "/v2/me", status: undefined, kind: "network", durationMs: expect.any(Number) },
    ]);
    expect(seen.every((request) => request.durationMs >= 0)).toBe(true);
    // Without the durations, whose digits could contain an id by chance.
    const text = JSON.stringify(seen.map(({ durationMs: _, ...labels }) => labels));
    for (const secretOrId of [apiKey, "3664712", String(ASKPRO_TEAM), "999999"]) expect(text).not.toContain(secretOrId);
  });
});
