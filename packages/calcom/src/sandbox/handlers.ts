import type { FixtureUser } from "./fixture";
import { SandboxHttpError } from "./http-errors";
import type { Owner, SandboxState } from "./state";

export interface HandlerContext {
  state: SandboxState;
  /** The API key's user; undefined only on operations the spec lets go without Authorization. */
  user: FixtureUser | undefined;
  params: Record<string, number>;
  query: URLSearchParams;
  /** The validated body, unknown fields already stripped. */
  body: Record<string, unknown>;
}

export interface HandlerResult {
  status: number;
  data: unknown;
}

type Handler = (context: HandlerContext) => HandlerResult;

function requireUser(context: HandlerContext): FixtureUser {
  if (!context.user) throw new SandboxHttpError(401, "Authorization header is missing");
  return context.user;
}

function param(context: HandlerContext, name: string): number {
  const value = context.params[name];
  if (value === undefined) throw new Error(`route has no ${name} parameter`);
  return value;
}

/** Team paths: Cal.com's roles guard refuses keys whose user is not a member of the team. */
function teamOwner(context: HandlerContext): Owner {
  const teamId = param(context, "teamId");
  const user = requireUser(context);
  if (!user.teamIds.includes(teamId)) throw new SandboxHttpError(403, `User ${user.id} is not a member of team ${teamId}`);
  return { teamId };
}

function userOwner(context: HandlerContext): Owner {
  return { userId: requireUser(context).id };
}

/** Cal.com's wording differs by call: GET and PATCH say "not found", DELETE "does not exist." */
function found(context: HandlerContext, owner: Owner, missing = (id: number) => `Event type with id ${id} not found`) {
  const id = param(context, "eventTypeId");
  const eventType = context.state.find(id, owner);
  if (!eventType) throw new SandboxHttpError(404, missing(id));
  return eventType;
}

const doesNotExist = (id: number) => `Event type with ID=${id} does not exist.`;

/** Cal.com's own messages: EventTypesService_2024_06_14 (user) and InputOrganizationsEventTypesService (team). */
function assertSlugFree(context: HandlerContext, owner: Owner, exceptId?: number): void {
  const slug = context.body.slug;
  if (typeof slug === "string" && context.state.slugTaken(owner, slug, exceptId)) {
    throw new SandboxHttpError(400, "teamId" in owner ? "Team event type with this slug already exists" : "User already has an event type with this slug.");
  }
}

function withSlug<T extends { slug: string }>(list: T[], slug: string | null): T[] {
  return slug === null ? list : list.filter((item) => item.slug === slug);
}

/**
 * Cal.com documents "Provide either hosts or assignAllTeamMembers but not both" and would otherwise
 * create a team event type nobody can be booked for (or let assignAllTeamMembers win): the sandbox
 * refuses both cases so that the product cannot come to rely on either.
 */
function assertTeamHosts(context: HandlerContext, teamId: number): void {
  const hosts = context.body.hosts as Array<{ userId: number }> | undefined;
  const assignAll = context.body.assignAllTeamMembers === true;
  const hasHosts = hosts !== undefined && hosts.length > 0;
  if (hasHosts && assignAll) throw new SandboxHttpError(400, "Provide either hosts or assignAllTeamMembers but not both");
  if (!hasHosts && !assignAll) {
    throw new SandboxHttpError(400, "Provide either hosts or assignAllTeamMembers: true; a team event type without hosts cannot be booked");
  }
  const strangers = (hosts ?? []).filter((host) => !context.state.isTeamMember(host.userId, teamId)).map((host) => host.userId);
  if (strangers.length > 0) {
    throw new SandboxHttpError(404, `Invalid hosts: ${strangers.join(", ")} are not members of team with id ${teamId}.`);
  }
}

function create(context: HandlerContext, owner: Owner): HandlerResult {
  if ("teamId" in owner) assertTeamHosts(context, owner.teamId);
  assertSlugFree(context, owner);
  const body = context.body as Record<string, unknown> & { title: string; slug: string; lengthInMinutes: number };
  return { status: 201, data: context.state.create(owner, body) };
}

function update(context: HandlerContext, owner: Owner): HandlerResult {
  const eventType = found(context, owner);
  assertSlugFree(context, owner, eventType.id);
  return { status: 200, data: context.state.update(eventType, context.body) };
}

function removeTeamEventType(context: HandlerContext, owner: Owner): HandlerResult {
  const { id, title } = found(context, owner, doesNotExist);
  context.state.delete(id);
  return { status: 200, data: { id, title } };
}

/** Cal.com looks the id up unscoped here, so someone else's event type is a 403, not a 404. */
function removeUserEventType(context: HandlerContext): HandlerResult {
  const user = requireUser(context);
  const id = param(context, "eventTypeId");
  if (!context.state.exists(id)) throw new SandboxHttpError(404, doesNotExist(id));
  const eventType = context.state.find(id, { userId: user.id });
  if (!eventType) throw new SandboxHttpError(403, `User with ID=${user.id} does not own event type with ID=${id}`);
  const { lengthInMinutes, title, slug } = eventType;
  context.state.delete(id);
  return { status: 200, data: { id, lengthInMinutes, title, slug } };
}

/**
 * As Cal.com: eventSlug counts only together with username; the key's own username lists hidden event
 * types too, anyone else's only the visible ones. Without username the key's user gets all of theirs.
 */
function listUserEventTypes(context: HandlerContext): HandlerResult {
  const username = context.query.get("username");
  if (username === null || username === "") {
    if (context.user) return { status: 200, data: context.state.list(userOwner(context)) };
    throw new SandboxHttpError(400, "username is required when no Authorization header is sent");
  }
  const owner = context.state.userByUsername(username);
  if (!owner) return { status: 200, data: [] };
  const all = context.state.list({ userId: owner.id });
  const visible = context.user?.id === owner.id ? all : all.filter((eventType) => !eventType.hidden);
  return { status: 200, data: withSlug(visible, context.query.get("eventSlug")) };
}

/** Keyed by "METHOD path template" as in the spec. */
export const HANDLERS: Record<string, Handler> = {
  "GET /v2/me": (context) => {
    const user = requireUser(context);
    return {
      status: 200,
      data: {
        id: user.id,
        username: user.username,
        email: user.email,
        timeFormat: 24,
        defaultScheduleId: user.defaultScheduleId,
        weekStart: "Monday",
        timeZone: user.timeZone,
        organizationId: null,
      },
    };
  },
  "GET /v2/event-types": listUserEventTypes,
  "POST /v2/event-types": (context) => create(context, userOwner(context)),
  "GET /v2/event-types/{eventTypeId}": (context) => ({ status: 200, data: found(context, userOwner(context)) }),
  "PATCH /v2/event-types/{eventTypeId}": (context) => update(context, userOwner(context)),
  "DELETE /v2/event-types/{eventTypeId}": removeUserEventType,
  // Public in Cal.com's spec: no Authorization, no membership check.
  "GET /v2/teams/{teamId}/event-types": (context) => ({
    status: 200,
    data: withSlug(context.state.list({ teamId: param(context, "teamId") }), context.query.get("eventSlug")),
  }),
  "POST /v2/teams/{teamId}/event-types": (context) => create(context, teamOwner(context)),
  "GET /v2/teams/{teamId}/event-types/{eventTypeId}": (context) => ({ status: 200, data: found(context, teamOwner(context)) }),
  "PATCH /v2/teams/{teamId}/event-types/{eventTypeId}": (context) => update(context, teamOwner(context)),
  "DELETE /v2/teams/{teamId}/event-types/{eventTypeId}": (context) => removeTeamEventType(context, teamOwner(context)),
};
