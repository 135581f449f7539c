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

function found(context: HandlerContext, owner: Owner) {
  const id = param(context, "eventTypeId");
  const eventType = context.state.find(id, owner);
  if (!eventType) throw new SandboxHttpError(404, `Event type with id=${id} not found`);
  return eventType;
}

function assertSlugFree(context: HandlerContext, owner: Owner, exceptId?: number): void {
  const slug = context.body.slug;
  if (typeof slug === "string" && context.state.slugTaken(owner, slug, exceptId)) {
    const who = "teamId" in owner ? `Team ${owner.teamId}` : `User ${owner.userId}`;
    throw new SandboxHttpError(400, `${who} already has an event type with slug ${slug}`);
  }
}

function withSlug<T extends { slug: string }>(list: T[], query: URLSearchParams): T[] {
  const slug = query.get("eventSlug");
  return slug === null ? list : list.filter((item) => item.slug === slug);
}

function create(context: HandlerContext, owner: Owner): HandlerResult {
  assertSlugFree(context, owner);
  const body = context.body as Record<string, unknown> & { title: string; slug: string; lengthInMinutes: number };
  return { status: 201, data: context.state.create(owner, body) };
}

function update(context: HandlerContext, owner: Owner): HandlerResult {
  const eventType = found(context, owner);
  assertSlugFree(context, owner, eventType.id);
  return { status: 200, data: context.state.update(eventType, context.body) };
}

function remove(context: HandlerContext, owner: Owner): HandlerResult {
  const { id, lengthInMinutes, title, slug } = found(context, owner);
  context.state.delete(id);
  return { status: 200, data: { id, lengthInMinutes, title, slug } };
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
  "GET /v2/event-types": (context) => {
    if (context.user) return { status: 200, data: withSlug(context.state.list(userOwner(context)), context.query) };
    const username = context.query.get("username");
    if (username === null) throw new SandboxHttpError(400, "username is required when no Authorization header is sent");
    const owner = context.state.userByUsername(username);
    const visible = owner ? context.state.list({ userId: owner.id }).filter((eventType) => !eventType.hidden) : [];
    return { status: 200, data: withSlug(visible, context.query) };
  },
  "POST /v2/event-types": (context) => create(context, userOwner(context)),
  "GET /v2/event-types/{eventTypeId}": (context) => ({ status: 200, data: found(context, userOwner(context)) }),
  "PATCH /v2/event-types/{eventTypeId}": (context) => update(context, userOwner(context)),
  "DELETE /v2/event-types/{eventTypeId}": (context) => remove(context, userOwner(context)),
  // Public in Cal.com's spec: no Authorization, no membership check.
  "GET /v2/teams/{teamId}/event-types": (context) => ({
    status: 200,
    data: withSlug(context.state.list({ teamId: param(context, "teamId") }), context.query),
  }),
  "POST /v2/teams/{teamId}/event-types": (context) => create(context, teamOwner(context)),
  "GET /v2/teams/{teamId}/event-types/{eventTypeId}": (context) => ({ status: 200, data: found(context, teamOwner(context)) }),
  "PATCH /v2/teams/{teamId}/event-types/{eventTypeId}": (context) => update(context, teamOwner(context)),
  "DELETE /v2/teams/{teamId}/event-types/{eventTypeId}": (context) => remove(context, teamOwner(context)),
};
