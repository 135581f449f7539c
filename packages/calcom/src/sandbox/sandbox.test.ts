import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ASKPRO_TEAM, DEMO_KEY, PRAXIS_KEY, PRAXIS_TEAM, useSandbox } from "../../test/support/sandbox-fixture";
import { CALCOM_API_VERSION } from "../types";
import { loadFixture } from "./fixture";
import { startCalcomSandbox } from "./server";

const sandbox = useSandbox();

/** Raw HTTP, as any Cal.com caller would send it: these tests hold the sandbox to Cal.com, not to our client. */
async function call(path: string, init: { method?: string; key?: string | null; version?: string | null; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (init.key !== null) headers.Authorization = `Bearer ${init.key ?? DEMO_KEY}`;
  if (init.version !== null) headers["cal-api-version"] = init.version ?? CALCOM_API_VERSION;
  if (init.body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`${sandbox.current.url}${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer };
}

interface Answer {
  status: string;
  data?: unknown;
  error?: { code: string; message: string; details: { message: string[] } };
}

const list = (answer: Answer) => answer.data as Array<{ id: number; price: number }>;

describe("Cal.com sandbox", () => {
  it("holds the demo event types from its fixture", async () => {
    const { body } = await call(`/v2/teams/${ASKPRO_TEAM}/event-types`);
    expect(list(body).map((e) => e.id)).toEqual([3664712, 3664713, 3664714, 3664715, 3664716, 3664717, 3664718, 3664719]);
    expect(list(body)[0]).toMatchObject({ title: "15 Minuten Schnellberatung", lengthInMinutes: 15, teamId: ASKPRO_TEAM, team: { name: "AskProAI" } });
    const praxis = await call(`/v2/teams/${PRAXIS_TEAM}/event-types`, { key: PRAXIS_KEY });
    expect(list(praxis.body).map((e) => e.id)).toEqual([3664801, 3664802, 3664803]);
    expect(list(body).some((e) => e.price > 0)).toBe(true);
  });

  it("answers an unknown key, a missing key and a non-Cal.com token with 401 in the error envelope", async () => {
    for (const key of ["cal_unknown", "cal_live_unknown"]) {
      const { status, body } = await call("/v2/me", { key });
      expect(status).toBe(401);
      expect(body).toMatchObject({ status: "error", path: "/v2/me", error: { code: "UnauthorizedException", message: "Invalid API Key" } });
    }
    expect((await call("/v2/me", { key: null })).status).toBe(401);
    expect((await call("/v2/me", { key: "some-oauth-token" })).body.error?.message).toBe("Invalid Access Token");
  });

  it("requires cal-api-version: 2024-06-14 where the spec does, and says so", async () => {
    const missing = await call("/v2/event-types/3664750", { version: null });
    expect(missing.status).toBe(400);
    expect(missing.body.error?.message).toContain("Missing cal-api-version header");
    const wrong = await call("/v2/event-types/3664750", { method: "PATCH", version: "2024-04-15", body: { title: "x" } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error?.message).toContain('Unsupported value "2024-04-15"');
    expect(sandbox.current.getEventType(3664750)?.title).toBe("Rückruf-Termin");
    // The team operations declare no cal-api-version header in the spec.
    expect((await call(`/v2/teams/${ASKPRO_TEAM}/event-types/3664712`, { version: null })).status).toBe(200);
  });

  it("strips unknown fields silently, as Cal.com does", async () => {
    const { status, body } = await call("/v2/event-types/3664750", {
      method: "PATCH",
      body: { title: "Rückruf", price: 100, length: 99, confirmationPolicy: { disabled: true, extra: 1 } },
    });
    expect(status).toBe(200);
    expect(body.data).toMatchObject({ title: "Rückruf", price: 0, lengthInMinutes: 10, confirmationPolicy: { disabled: true } });
    expect(body.data).not.toHaveProperty("length");
    expect(sandbox.current.getEventType(3664750)?.confirmationPolicy).toEqual({ disabled: true });
  });

  it("validates bodies against the spec's request schema: 400 with the details", async () => {
    const { status, body } = await call(`/v2/teams/${ASKPRO_TEAM}/event-types/3664712`, {
      method: "PATCH",
      body: { title: 42, confirmationPolicy: { type: "sometimes", blockUnconfirmedBookingsInBooker: true } },
    });
    expect(status).toBe(400);
    expect(body.error?.code).toBe("BadRequestException");
    expect(body.error?.details.message).toEqual(expect.arrayContaining(["title must be string", "confirmationPolicy.type must be equal to one of the allowed values"]));
    const missing = await call("/v2/event-types", { method: "POST", body: { title: "Ohne Slug" } });
    expect(missing.body.error?.details.message).toEqual(expect.arrayContaining(["body must have required property 'slug'"]));
  });

  it("answers 404 for missing event types and those the key's user or team does not own", async () => {
    expect((await call("/v2/event-types/424242")).status).toBe(404);
    expect((await call("/v2/event-types/3664712")).status).toBe(404);
    expect((await call(`/v2/teams/${PRAXIS_TEAM}/event-types/3664712`, { key: PRAXIS_KEY })).status).toBe(404);
    expect((await call("/v2/event-types/3664850")).body.error).toMatchObject({ code: "NotFoundException", message: "Event type with id 3664850 not found" });
    const gone = await call(`/v2/teams/${ASKPRO_TEAM}/event-types/3664801`, { method: "DELETE" });
    expect(gone.body.error).toMatchObject({ code: "NotFoundException", message: "Event type with ID=3664801 does not exist." });
    expect((await call("/v2/event-types/424242", { method: "DELETE" })).body.error?.message).toBe("Event type with ID=424242 does not exist.");
    expect(sandbox.current.getEventType(3664801)).toBeDefined();
  });

  it("answers a user-path DELETE of someone else's event type with 403, as Cal.com's unscoped lookup does", async () => {
    const notMine = await call("/v2/event-types/3664850", { method: "DELETE" });
    expect(notMine.status).toBe(403);
    expect(notMine.body.error).toMatchObject({ code: "ForbiddenException", message: "User with ID=1201 does not own event type with ID=3664850" });
    expect(sandbox.current.getEventType(3664850)).toBeDefined();
    const teams = await call("/v2/event-types/3664712", { method: "DELETE" });
    expect(teams.status).toBe(403);
    expect(sandbox.current.getEventType(3664712)).toBeDefined();
  });

  it("honours eventSlug on the user path only with username, as Cal.com does", async () => {
    const ids = (answer: Answer) => list(answer).map((e) => e.id);
    expect(ids((await call("/v2/event-types?eventSlug=rueckruf-termin")).body)).toEqual([3664750]);
    expect(ids((await call("/v2/event-types?eventSlug=nicht-da")).body)).toEqual([3664750]);
    expect(ids((await call("/v2/event-types?eventSlug=nicht-da&username=askproai")).body)).toEqual([]);
    expect(ids((await call("/v2/event-types?eventSlug=rueckruf-termin&username=askproai")).body)).toEqual([3664750]);
    expect(ids((await call("/v2/event-types?username=praxis-nord")).body)).toEqual([3664850]);
    expect(ids((await call("/v2/event-types?username=niemand")).body)).toEqual([]);
  });

  it("creates team event types only with hosts of the team or assignAllTeamMembers, never both", async () => {
    const create = (body: Record<string, unknown>) =>
      call(`/v2/teams/${ASKPRO_TEAM}/event-types`, {
        method: "POST",
        body: { title: "Neu", slug: "neu", lengthInMinutes: 20, schedulingType: "collective", ...body },
      });
    expect((await create({})).body.error?.message).toMatch(/^Provide either hosts or assignAllTeamMembers: true/);
    expect((await create({ hosts: [] })).status).toBe(400);
    expect((await create({ hosts: [{ userId: 1201 }], assignAllTeamMembers: true })).body.error?.message).toBe(
      "Provide either hosts or assignAllTeamMembers but not both",
    );
    const stranger = await create({ hosts: [{ userId: 1201 }, { userId: 1202 }] });
    expect(stranger.status).toBe(404);
    expect(stranger.body.error?.message).toBe(`Invalid hosts: 1202 are not members of team with id ${ASKPRO_TEAM}.`);
    expect((await create({ schedulingType: "ROUND_ROBIN", assignAllTeamMembers: true })).status).toBe(400);
    expect(sandbox.current.eventTypeCount).toBe(loadFixture().eventTypes.length);
    const created = await create({ schedulingType: "managed", assignAllTeamMembers: true });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ schedulingType: "managed", assignAllTeamMembers: true, teamId: ASKPRO_TEAM });
  });

  it("lost_response: does the work, then closes the connection without an answer", async () => {
    sandbox.current.setFault("POST /v2/teams/{teamId}/event-types", { kind: "lost_response" }, 1);
    const body = { title: "Verloren", slug: "verloren", lengthInMinutes: 20, schedulingType: "collective", assignAllTeamMembers: true };
    await expect(call(`/v2/teams/${ASKPRO_TEAM}/event-types`, { method: "POST", body })).rejects.toThrow(TypeError);
    const created = sandbox.current.eventTypes({ teamId: ASKPRO_TEAM, slug: "verloren" });
    expect(created).toHaveLength(1);
    expect(sandbox.current.requests.at(-1)).toMatchObject({ status: 201, answerLost: true, responseBody: { data: { id: created[0]?.id } } });
    // The retry meets the slug it created.
    const retry = await call(`/v2/teams/${ASKPRO_TEAM}/event-types`, { method: "POST", body });
    expect(retry.body.error?.message).toBe("Team event type with this slug already exists");
    expect(sandbox.current.eventTypes({ slug: "verloren" })).toHaveLength(1);
  });

  it("answers 403 when the key's user is not a member of the team", async () => {
    const { status, body } = await call(`/v2/teams/${ASKPRO_TEAM}/event-types/3664712`, { method: "DELETE", key: PRAXIS_KEY });
    expect(status).toBe(403);
    expect(body.error?.code).toBe("ForbiddenException");
  });

  it("refuses a slug the owner already uses", async () => {
    const { status, body } = await call(`/v2/teams/${ASKPRO_TEAM}/event-types`, {
      method: "POST",
      body: { title: "Doppelt", slug: "erstgespraech-telefon", lengthInMinutes: 20, schedulingType: "collective", assignAllTeamMembers: true },
    });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "BadRequestException", message: "Team event type with this slug already exists" });
    const mine = await call("/v2/event-types", { method: "POST", body: { title: "Doppelt", slug: "rueckruf-termin", lengthInMinutes: 20 } });
    expect(mine.status).toBe(400);
    expect(mine.body.error?.message).toBe("User already has an event type with this slug.");
    // Another team may use the same slug.
    const other = await call(`/v2/teams/${PRAXIS_TEAM}/event-types`, {
      method: "POST",
      key: PRAXIS_KEY,
      body: { title: "Auch", slug: "erstgespraech-telefon", lengthInMinutes: 20, schedulingType: "collective", assignAllTeamMembers: true },
    });
    expect(other.status).toBe(201);
  });

  it("rate-limits per key with Cal.com's headers, then blocks with ThrottlerException", async () => {
    const limited = await startCalcomSandbox({ rateLimit: { limit: 3, windowMs: 300, blockMs: 1_500 } });
    try {
      const me = () => fetch(`${limited.url}/v2/me`, { headers: { Authorization: `Bearer ${DEMO_KEY}` } });
      const remaining: string[] = [];
      for (let i = 0; i < 3; i++) {
        const response = await me();
        expect(response.status).toBe(200);
        expect(response.headers.get("X-RateLimit-Limit-Default")).toBe("3");
        expect(response.headers.get("X-RateLimit-Reset-Default")).toBe("1");
        remaining.push(response.headers.get("X-RateLimit-Remaining-Default") ?? "");
      }
      expect(remaining).toEqual(["2", "1", "0"]);
      const blocked = await me();
      expect(blocked.status).toBe(429);
      expect(blocked.headers.get("X-RateLimit-Remaining-Default")).toBe("0");
      expect(blocked.headers.get("X-RateLimit-Reset-Default")).toBe("2");
      expect(await blocked.json()).toMatchObject({ error: { code: "ThrottlerException" } });
      // Another key has its own budget.
      const other = await fetch(`${limited.url}/v2/me`, { headers: { Authorization: `Bearer ${PRAXIS_KEY}` } });
      expect(other.status).toBe(200);
      // The block outlasts the window.
      await new Promise((r) => setTimeout(r, 400));
      expect((await me()).status).toBe(429);
      await new Promise((r) => setTimeout(r, 1_400));
      expect((await me()).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });

  it("injects faults per endpoint and for a number of requests only", async () => {
    sandbox.current.setFault("GET /v2/teams/{teamId}/event-types/{eventTypeId}", { kind: "status", status: 502 }, 1);
    expect((await call(`/v2/teams/${ASKPRO_TEAM}/event-types/3664712`)).status).toBe(502);
    expect((await call(`/v2/teams/${ASKPRO_TEAM}/event-types/3664712`)).status).toBe(200);
    sandbox.current.setFault("GET *", { kind: "malformed" });
    const malformed = await fetch(`${sandbox.current.url}/v2/me`, { headers: { Authorization: `Bearer ${DEMO_KEY}` } });
    await expect(malformed.json()).rejects.toThrow(SyntaxError);
    expect((await call("/v2/event-types/3664750", { method: "PATCH", body: { title: "ok" } })).status).toBe(200);
    sandbox.current.clearFaults();
    expect((await call("/v2/me")).status).toBe(200);
  });

  it("logs requests without the Authorization value, and reset() returns to the fixture", async () => {
    await call("/v2/event-types/3664750", { method: "PATCH", body: { title: "Geändert", unknown: true } });
    const [entry] = sandbox.current.requests;
    expect(entry).toMatchObject({
      method: "PATCH",
      path: "/v2/event-types/3664750",
      endpoint: "PATCH /v2/event-types/{eventTypeId}",
      body: { title: "Geändert", unknown: true },
      status: 200,
    });
    expect(entry?.headers.authorization).toBe("Bearer [redacted]");
    expect(entry?.headers["cal-api-version"]).toBe(CALCOM_API_VERSION);
    sandbox.current.reset();
    expect(sandbox.current.requests).toEqual([]);
    expect(sandbox.current.getEventType(3664750)?.title).toBe("Rückruf-Termin");
  });

  it("answers unknown routes with Cal.com's 404 envelope", async () => {
    const { status, body } = await call("/v2/bookings");
    expect(status).toBe(404);
    expect(body.error?.message).toBe("Cannot GET /v2/bookings");
  });

  it("runs as a process on CALCOM_SANDBOX_PORT and prints one line with the demo key only", async () => {
    const tsx = resolve(import.meta.dirname, "../../../../node_modules/.bin/tsx");
    const child = spawn(tsx, [resolve(import.meta.dirname, "main.ts")], { env: { ...process.env, CALCOM_SANDBOX_PORT: "0" } });
    try {
      const line = await new Promise<string>((resolveLine, reject) => {
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes("\n")) resolveLine(out);
        });
        child.once("exit", (code) => reject(new Error(`sandbox exited with ${code}: ${out}`)));
      });
      const count = loadFixture().eventTypes.length;
      expect(line).toMatch(
        new RegExp(`^Cal\\.com sandbox listening on http://127\\.0\\.0\\.1:\\d+ \\(demo key ${DEMO_KEY}, ${count} event types\\)\\n$`),
      );
      expect(line).not.toContain(PRAXIS_KEY);
      const url = line.match(/http:\/\/[\d.:]+/)?.[0];
      const me = await fetch(`${url}/v2/me`, { headers: { Authorization: `Bearer ${DEMO_KEY}` } });
      expect(me.status).toBe(200);
    } finally {
      child.kill("SIGTERM");
    }
  });
});
