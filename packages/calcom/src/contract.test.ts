import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  type CalcomEventTypeSnapshot,
  type CalcomEventTypeUpdate,
  mapServiceToEventTypeUpdate,
} from "../../domain/src/calcom-mapping";
import { buildGeneratedFiles, USED_OPERATIONS } from "../scripts/generated-files";
import { ASKPRO_TEAM, DEMO_KEY, useSandbox } from "../test/support/sandbox-fixture";
import { specUnderTest } from "../test/support/spec-under-test";
import { createCalcomClient } from "./client";
import type { HttpMethod } from "./spec/openapi-types";
import { findOperation, requestBodySchema, requiresHeader, successResponse } from "./spec/spec";
import { SpecValidator } from "./spec/validator";
import { CALCOM_API_VERSION, type EventTypeOutput, type TeamEventTypeOutput, type UpdateEventTypeInput } from "./types";

const { spec } = specUnderTest;
/** Requests: nothing the spec does not define (its objects are open, so close them for the check). */
const requestValidator = new SpecValidator(spec, { closed: true });
const responseValidator = new SpecValidator(spec);
const sandbox = useSandbox();

function operationOf(endpoint: string) {
  const [method, template] = endpoint.split(" ") as [string, string];
  return findOperation(method.toLowerCase() as HttpMethod, template, spec);
}

/** Every client call there is, user-owned and team-owned, with bodies carrying fields Cal.com does not know. */
async function exerciseClient() {
  const client = createCalcomClient({ baseUrl: sandbox.current.url, apiKey: DEMO_KEY });
  const team = { teamId: ASKPRO_TEAM };
  const unknown = { price: 4900, currency: "EUR", length: 30, eventName: "v1 name" };
  await client.me();
  await client.listEventTypes();
  await client.listEventTypes(team);
  await client.listEventTypes(team, { eventSlug: "erstgespraech-telefon" });
  await client.listEventTypes(undefined, { eventSlug: "rueckruf-termin" });
  await client.getEventType(3664750);
  await client.getEventType(3664712, team);
  const created = await client.createEventType({ title: "Neu", slug: "neu", lengthInMinutes: 20, ...unknown });
  const createdTeam = await client.createEventType(
    { title: "Team neu", slug: "team-neu", lengthInMinutes: 25, schedulingType: "collective", hosts: [{ userId: 1201, priority: "high" }], ...unknown },
    team,
  );
  await client.createEventType({ title: "Alle", slug: "alle", lengthInMinutes: 30, schedulingType: "roundRobin", assignAllTeamMembers: true }, team);
  const service = {
    name: "Schnellberatung",
    slug: "schnellberatung",
    description: null,
    durationMinutes: 20,
    bufferBeforeMinutes: 5,
    bufferAfterMinutes: 5,
    minimumBookingNoticeMinutes: 60,
    isActive: false,
    requiresConfirmation: true,
    disableGuests: true,
    priceCents: 4900,
    currency: "EUR",
  };
  await client.updateEventType(created.id, { ...mapServiceToEventTypeUpdate(service), ...unknown });
  await client.updateEventType(3664712, { ...mapServiceToEventTypeUpdate({ ...service, requiresConfirmation: false }), ...unknown }, team);
  await client.deleteEventType(created.id);
  await client.deleteEventType(createdTeam.id, team);
}

describe("contract with Cal.com's openapi-v2.json", () => {
  it(`holds the client's requests to the spec (${specUnderTest.isOriginal ? "original spec" : "committed subset"})`, async () => {
    await exerciseClient();
    const log = sandbox.current.requests;
    expect(new Set(log.map((r) => r.endpoint))).toEqual(new Set(USED_OPERATIONS.map(([m, p]) => `${m.toUpperCase()} ${p}`)));
    expect(log.filter((r) => r.path.includes("?")).map((r) => r.path)).toEqual([
      `/v2/teams/${ASKPRO_TEAM}/event-types?eventSlug=erstgespraech-telefon`,
      "/v2/event-types?eventSlug=rueckruf-termin&username=askproai",
    ]);
    for (const request of log) {
      const operation = operationOf(request.endpoint ?? "");
      expect(request.headers.authorization, request.path).toBe("Bearer [redacted]");
      expect(request.headers["cal-api-version"], request.path).toBe(CALCOM_API_VERSION);
      const declared = new Set((operation.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name));
      for (const name of new URL(request.path, "http://sandbox").searchParams.keys()) {
        expect(declared.has(name), `${request.method} ${request.path}: query parameter ${name}`).toBe(true);
      }
      const schema = requestBodySchema(operation);
      if (!schema) {
        expect(request.body, request.path).toBeUndefined();
        continue;
      }
      expect(request.headers["content-type"]).toBe("application/json");
      expect(requestValidator.validate(request.body, schema), `${request.method} ${request.path}`).toEqual({ ok: true });
      expect(JSON.stringify(request.body)).not.toMatch(/"(price|currency|length|eventName)"/);
    }
  });

  it("holds every sandbox answer to the spec: success bodies to the response schema, errors to Cal.com's envelope", async () => {
    await exerciseClient();
    const client = createCalcomClient({ baseUrl: sandbox.current.url, apiKey: DEMO_KEY });
    await expect(client.getEventType(3664712)).rejects.toMatchObject({ kind: "not_found" });
    await expect(client.updateEventType(3664750, { lengthInMinutes: -5 })).rejects.toMatchObject({ kind: "validation" });
    await expect(client.createEventType({ title: "Doppelt", slug: "rueckruf-termin", lengthInMinutes: 10 })).rejects.toMatchObject({ kind: "validation" });
    await expect(
      client.createEventType({ title: "Doppelt", slug: "alle", lengthInMinutes: 10, schedulingType: "collective", assignAllTeamMembers: true }, { teamId: ASKPRO_TEAM }),
    ).rejects.toMatchObject({ kind: "validation" });
    await expect(client.deleteEventType(3664850)).rejects.toMatchObject({ kind: "forbidden" });
    await expect(client.deleteEventType(3664801, { teamId: ASKPRO_TEAM })).rejects.toMatchObject({ kind: "not_found" });
    const log = sandbox.current.requests;
    expect(log.some((r) => (r.status ?? 0) >= 400)).toBe(true);
    for (const request of log) {
      const operation = operationOf(request.endpoint ?? "");
      if ((request.status ?? 0) < 400) {
        const expected = successResponse(operation);
        expect(request.status, request.path).toBe(expected.status);
        expect(responseValidator.validate(request.responseBody, expected.schema), `${request.method} ${request.path}`).toEqual({ ok: true });
      } else {
        expect(request.responseBody).toMatchObject({
          status: "error",
          timestamp: expect.any(String),
          path: request.path,
          error: { code: expect.stringMatching(/Exception$/), message: expect.any(String) },
        });
      }
    }
  });

  it("finds demo event types that match the spec's output schemas, user- and team-owned", async () => {
    const client = createCalcomClient({ baseUrl: sandbox.current.url, apiKey: DEMO_KEY });
    const teamList = await client.listEventTypes({ teamId: ASKPRO_TEAM });
    const schema = spec.components.schemas.TeamEventTypeOutput_2024_06_14;
    expect(schema).toBeDefined();
    for (const eventType of teamList) expect(responseValidator.validate(eventType, schema ?? {})).toEqual({ ok: true });
    expect(teamList.find((e) => e.id === 3664712)).toMatchObject({ title: "15 Minuten Schnellberatung", lengthInMinutes: 15, teamId: ASKPRO_TEAM });
  });

  it("knows where the spec requires cal-api-version, with the spec's value (the client sends it everywhere)", () => {
    const required = USED_OPERATIONS.filter(([method, path]) => requiresHeader(findOperation(method, path, spec), "cal-api-version"));
    expect(required.map(([method, path]) => `${method} ${path}`)).toEqual([
      "get /v2/event-types",
      "post /v2/event-types",
      "get /v2/event-types/{eventTypeId}",
      "patch /v2/event-types/{eventTypeId}",
      "delete /v2/event-types/{eventTypeId}",
    ]);
    for (const [method, path] of required) {
      const header = findOperation(method, path, spec).parameters?.find((p) => p.name === "cal-api-version");
      expect(header?.schema?.default).toBe(CALCOM_API_VERSION);
    }
  });

  it("keeps the domain's sync payload within UpdateEventTypeInput_2024_06_14", () => {
    expectTypeOf<CalcomEventTypeUpdate>().toExtend<UpdateEventTypeInput>();
    expectTypeOf<EventTypeOutput>().toExtend<CalcomEventTypeSnapshot>();
    expectTypeOf<TeamEventTypeOutput>().toExtend<CalcomEventTypeSnapshot>();
    const schema = spec.components.schemas.UpdateEventTypeInput_2024_06_14 ?? {};
    for (const requiresConfirmation of [true, false]) {
      const body = mapServiceToEventTypeUpdate({
        name: "A",
        slug: "a",
        description: "d",
        durationMinutes: 15,
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 0,
        minimumBookingNoticeMinutes: 0,
        isActive: true,
        requiresConfirmation,
        disableGuests: false,
        priceCents: null,
        currency: null,
      });
      expect(requestValidator.validate(body, schema)).toEqual({ ok: true });
    }
  });

  it.runIf(specUnderTest.isOriginal)("has committed generated files that match the spec", async () => {
    const files = await buildGeneratedFiles(spec as never);
    const generated = (name: string) => readFileSync(resolve(import.meta.dirname, "generated", name), "utf8");
    expect(generated("openapi.generated.ts")).toBe(files.types);
    expect(generated("openapi-subset.generated.ts")).toBe(files.subset);
    expect(files.types.startsWith("// Generated by scripts/generate-types.ts from Cal.com's openapi-v2.json - do not edit")).toBe(true);
  });
});
