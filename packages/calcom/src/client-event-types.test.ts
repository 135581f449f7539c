import { describe, expect, it } from "vitest";
import { calcomFailure as failure } from "../test/support/calcom-failure";
import { ASKPRO_TEAM, ASKPRO_USER, DEMO_KEY, PRAXIS_KEY, PRAXIS_TEAM, useSandbox } from "../test/support/sandbox-fixture";
import { createCalcomClient } from "./client";
import { describeCalcomFailure } from "./describe-failure";
import { isSlugTakenError } from "./errors";
import { loadFixture } from "./sandbox";

const sandbox = useSandbox();
const team = { teamId: ASKPRO_TEAM };
const FIXTURE_IDS = new Set(loadFixture().eventTypes.map((eventType) => eventType.id));

function client(apiKey = DEMO_KEY) {
  return createCalcomClient({ baseUrl: sandbox.current.url, apiKey });
}

const teamInput = { title: "Rückruf-Service", slug: "rueckruf-service", lengthInMinutes: 15, schedulingType: "roundRobin" as const };

describe("creating, listing and deleting event types against the sandbox", () => {
  it("creates on the team path with schedulingType and assignAllTeamMembers, and reads data.id", async () => {
    const created = await client().createEventType({ ...teamInput, assignAllTeamMembers: true }, team);
    expect(created).toMatchObject({ teamId: ASKPRO_TEAM, schedulingType: "roundRobin", assignAllTeamMembers: true, slug: "rueckruf-service" });
    const request = sandbox.current.requests.at(-1);
    expect(request).toMatchObject({ method: "POST", path: `/v2/teams/${ASKPRO_TEAM}/event-types`, status: 201 });
    expect(request?.body).toMatchObject({ schedulingType: "roundRobin", assignAllTeamMembers: true });
    expect(request?.responseBody).toMatchObject({ status: "success", data: { id: created.id } });
    expect(sandbox.current.getEventType(created.id)).toMatchObject({ teamId: ASKPRO_TEAM, title: "Rückruf-Service" });
  });

  it("creates on the user path without schedulingType", async () => {
    const created = await client().createEventType({ title: "Nur ich", slug: "nur-ich", lengthInMinutes: 20 });
    expect(created).toMatchObject({ ownerId: ASKPRO_USER, slug: "nur-ich", lengthInMinutes: 20 });
    expect(created).not.toHaveProperty("teamId");
    expect(sandbox.current.requests.at(-1)).toMatchObject({ method: "POST", path: "/v2/event-types", status: 201 });
  });

  it("refuses a team create without schedulingType, or with hosts and assignAllTeamMembers both, or neither", async () => {
    const { schedulingType: _, ...withoutType } = teamInput;
    const missing = await failure(client().createEventType({ ...withoutType, assignAllTeamMembers: true }, team));
    expect(missing).toMatchObject({ kind: "validation", status: 400 });
    expect(missing.calcomMessage).toContain("body must have required property 'schedulingType'");
    const both = await failure(client().createEventType({ ...teamInput, assignAllTeamMembers: true, hosts: [{ userId: ASKPRO_USER }] }, team));
    expect(both).toMatchObject({ kind: "validation", status: 400 });
    expect(both.calcomMessage).toMatch(/either hosts or assignAllTeamMembers but not both/);
    const neither = await failure(client().createEventType(teamInput, team));
    expect(neither).toMatchObject({ kind: "validation", status: 400 });
    expect(neither.calcomMessage).toMatch(/hosts or assignAllTeamMembers/);
    expect(sandbox.current.eventTypeCount).toBe(FIXTURE_IDS.size);
  });

  it("refuses hosts who are not members of the team with Cal.com's 404", async () => {
    const error = await failure(client().createEventType({ ...teamInput, hosts: [{ userId: 1202 }] }, team));
    expect(error).toMatchObject({ kind: "not_found", status: 404, calcomMessage: `Invalid hosts: 1202 are not members of team with id ${ASKPRO_TEAM}.` });
    const created = await client().createEventType({ ...teamInput, schedulingType: "collective", hosts: [{ userId: ASKPRO_USER }] }, team);
    expect(created).toMatchObject({ schedulingType: "collective", teamId: ASKPRO_TEAM });
  });

  it("answers a duplicate slug with Cal.com's 400 and message, as a readable error, on both paths", async () => {
    const teamClash = await failure(client().createEventType({ ...teamInput, slug: "erstgespraech-telefon", assignAllTeamMembers: true }, team));
    expect(teamClash).toMatchObject({ kind: "validation", status: 400, calcomCode: "BadRequestException", calcomMessage: "Team event type with this slug already exists" });
    expect(teamClash.message).toBe(
      `Cal.com POST /v2/teams/${ASKPRO_TEAM}/event-types failed with 400 BadRequestException: Team event type with this slug already exists`,
    );
    expect(isSlugTakenError(teamClash)).toBe(true);

    const userClash = await failure(client().createEventType({ title: "Doppelt", slug: "rueckruf-termin", lengthInMinutes: 10 }));
    expect(userClash).toMatchObject({ kind: "validation", status: 400, calcomMessage: "User already has an event type with this slug." });
    expect(describeCalcomFailure(userClash, 0)).toBe("Cal.com rejected the data: User already has an event type with this slug. (400)");
    expect(isSlugTakenError(userClash)).toBe(true);
    expect(isSlugTakenError(await failure(client().updateEventType(3664712, { lengthInMinutes: 0 }, team)))).toBe(false);
    expect(sandbox.current.eventTypeCount).toBe(FIXTURE_IDS.size);
  });

  it("lists by eventSlug on the team path and on the user path (with the key's username)", async () => {
    const calcom = client();
    expect((await calcom.listEventTypes(team, { eventSlug: "erstgespraech-telefon" })).map((e) => e.id)).toEqual([3664715]);
    expect(await calcom.listEventTypes(team, { eventSlug: "gibt-es-nicht" })).toEqual([]);
    expect(sandbox.current.requests.at(-1)?.path).toBe(`/v2/teams/${ASKPRO_TEAM}/event-types?eventSlug=gibt-es-nicht`);

    expect((await calcom.listEventTypes(undefined, { eventSlug: "rueckruf-termin" })).map((e) => e.id)).toEqual([3664750]);
    // Cal.com ignores eventSlug without username on this path, so the client asks /v2/me for it once.
    expect(sandbox.current.requests.slice(-2).map((r) => r.path)).toEqual(["/v2/me", "/v2/event-types?eventSlug=rueckruf-termin&username=askproai"]);
    await calcom.listEventTypes(undefined, { eventSlug: "gibt-es-nicht" });
    expect(sandbox.current.requests.at(-1)?.path).toBe("/v2/event-types?eventSlug=gibt-es-nicht&username=askproai");
    expect(sandbox.current.requests.filter((r) => r.path === "/v2/me")).toHaveLength(1);
  });

  it("finds its own hidden event type by slug on the user path", async () => {
    const calcom = client();
    const hidden = await calcom.createEventType({ title: "Versteckt", slug: "versteckt", lengthInMinutes: 10, hidden: true });
    expect((await calcom.listEventTypes(undefined, { eventSlug: "versteckt" })).map((e) => e.id)).toEqual([hidden.id]);
    // Another user's key sees only what is public.
    expect(await client(PRAXIS_KEY).listEventTypes(undefined, { eventSlug: "versteckt", username: "askproai" })).toEqual([]);
  });

  it("answers 404 for another team's or user's event type on get, update and delete, and changes nothing", async () => {
    const calcom = client();
    for (const call of [
      () => calcom.getEventType(3664801, team),
      () => calcom.updateEventType(3664801, { title: "gekapert" }, team),
      () => calcom.deleteEventType(3664801, team),
      () => calcom.getEventType(3664850),
      () => calcom.updateEventType(3664850, { title: "gekapert" }),
    ]) {
      expect(await failure(call())).toMatchObject({ kind: "not_found", status: 404 });
    }
    expect(sandbox.current.getEventType(3664801)?.title).toBe(loadFixture().eventTypes.find((e) => e.id === 3664801)?.title);
    expect(sandbox.current.getEventType(3664850)?.title).toBe(loadFixture().eventTypes.find((e) => e.id === 3664850)?.title);
    // On another team's path Cal.com's roles guard answers first.
    expect(await failure(calcom.getEventType(3664801, { teamId: PRAXIS_TEAM }))).toMatchObject({ kind: "forbidden", status: 403 });
  });

  it("deletes an event type: a later get is 404, a second delete too", async () => {
    const calcom = client();
    const created = await calcom.createEventType({ ...teamInput, assignAllTeamMembers: true }, team);
    await calcom.deleteEventType(created.id, team);
    expect(sandbox.current.requests.at(-1)).toMatchObject({ method: "DELETE", status: 200, responseBody: { data: { id: created.id, title: "Rückruf-Service" } } });
    expect(await failure(calcom.getEventType(created.id, team))).toMatchObject({ kind: "not_found", status: 404 });
    expect(await failure(calcom.deleteEventType(created.id, team))).toMatchObject({
      kind: "not_found",
      calcomMessage: `Event type with ID=${created.id} does not exist.`,
    });
    expect(await calcom.listEventTypes(team, { eventSlug: teamInput.slug })).toEqual([]);

    const mine = await calcom.createEventType({ title: "Weg", slug: "weg", lengthInMinutes: 10 });
    await calcom.deleteEventType(mine.id);
    expect(await failure(calcom.getEventType(mine.id))).toMatchObject({ kind: "not_found", status: 404 });
  });

  it("gives created event types new ids: increasing, never a fixture's, never reused after a delete or a reset", async () => {
    const calcom = client();
    const first = await calcom.createEventType({ ...teamInput, assignAllTeamMembers: true }, team);
    await calcom.deleteEventType(first.id, team);
    const second = await calcom.createEventType({ ...teamInput, assignAllTeamMembers: true }, team);
    const third = await calcom.createEventType({ title: "Drei", slug: "drei", lengthInMinutes: 10 });
    sandbox.current.reset();
    const afterReset = await calcom.createEventType({ ...teamInput, assignAllTeamMembers: true }, team);
    const ids = [first.id, second.id, third.id, afterReset.id];
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(4);
    for (const id of ids) expect(FIXTURE_IDS.has(id)).toBe(false);
  });

  it("reads the key's user with getMe", async () => {
    expect(await client().getMe()).toMatchObject({ id: ASKPRO_USER, username: "askproai", email: "cal@askproai.test" });
  });
});
