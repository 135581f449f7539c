import { CalcomError, kindForStatus } from "./errors";
import { DEFAULT_PACER_OPTIONS, type PacerOptions, type RequestOutcome, pacerForApiKey } from "./pacer";
import { budgetKeyId, type RateBudgetStore, sharedPacerFor } from "./rate-budget";
import { type RateLimitInfo, readRateLimitHeaders, readRetryAfter } from "./rate-limit-headers";
import { redactSecret } from "./redact";
import { readErrorBody, readSuccessData } from "./response-body";
import type { HttpMethod } from "./spec/openapi-types";
import { findOperation, requestBodySchema } from "./spec/spec";
import { stripUnknownFields } from "./spec/strip";
import {
  CALCOM_API_VERSION,
  type CalcomEventType,
  type CalcomMe,
  type CreateEventTypeInput,
  type CreateTeamEventTypeInput,
  type TeamEventTypesQuery,
  type UpdateEventTypeInput,
  type UpdateTeamEventTypeInput,
  type UserEventTypesQuery,
} from "./types";

export interface CalcomClientOptions {
  apiKey: string;
  /** Cal.com's origin; the client appends /v2/... Default https://api.cal.com */
  baseUrl?: string;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
  /** Starting budget of this key's pacer until Cal.com's rate-limit headers say otherwise (without rateBudget). */
  pacer?: PacerOptions;
  /**
   * Where the key's budget is shared with every other process that calls Cal.com with it (PostgreSQL:
   * packages/db's calcomRateBudgetStore). Without it the key's budget is this process's alone.
   */
  rateBudget?: RateBudgetStore;
  /**
   * With rateBudget: of each window of the key's budget, the share this client's requests may take
   * (0 < share <= 1), leaving the rest to the key's other users. Unset: the whole window.
   */
  budgetShare?: number | undefined;
  /** Told about every request sent to Cal.com (for metrics); called synchronously, so it must not throw. */
  onRequest?: (request: CalcomRequestObservation) => void;
}

/**
 * One request to Cal.com as seen by metrics: the path template rather than the path, so that ids
 * never become label values, and never the key or the URL.
 */
export interface CalcomRequestObservation {
  method: string;
  /** e.g. /v2/teams/{teamId}/event-types/{eventTypeId} */
  route: string;
  /** undefined when no response arrived (see kind). */
  status: number | undefined;
  /** From sending the request until its body was read; the wait for the pacer is not included. */
  durationMs: number;
  kind?: "network" | "timeout";
}

/** Where an event type lives: a team's (with teamId) or the API key owner's. */
export interface EventTypeScope {
  teamId?: number | undefined;
}

/** Query of a list call: the spec's GET /v2/event-types and GET /v2/teams/{teamId}/event-types parameters. */
export interface EventTypeListFilter {
  /** At most the one event type with this slug (an empty list when there is none). */
  eventSlug?: TeamEventTypesQuery["eventSlug"] & UserEventTypesQuery["eventSlug"];
  /**
   * User path only: whose event types. Cal.com ignores eventSlug without it, so when eventSlug is given
   * and this is not, the client sends the key's own username (read once from /v2/me).
   */
  username?: UserEventTypesQuery["username"];
}

export interface CalcomClient {
  /** GET /v2/me: whom the key belongs to. */
  getMe(): Promise<CalcomMe>;
  /** The same as getMe. */
  me(): Promise<CalcomMe>;
  listEventTypes(scope?: EventTypeScope, filter?: EventTypeListFilter): Promise<CalcomEventType[]>;
  getEventType(id: number, scope?: EventTypeScope): Promise<CalcomEventType>;
  /** A team event type (scope.teamId) needs CreateTeamEventTypeInput, with schedulingType. */
  createEventType(input: CreateEventTypeInput | CreateTeamEventTypeInput, scope?: EventTypeScope): Promise<CalcomEventType>;
  updateEventType(id: number, input: UpdateEventTypeInput | UpdateTeamEventTypeInput, scope?: EventTypeScope): Promise<CalcomEventType>;
  deleteEventType(id: number, scope?: EventTypeScope): Promise<void>;
  /** Cal.com's rate-limit headers on this client's latest response that had them (the key's budget then). */
  lastRateLimit(): RateLimitInfo | undefined;
}

export const DEFAULT_CALCOM_BASE_URL = "https://api.cal.com";
export const DEFAULT_TIMEOUT_MS = 10_000;

const USER_EVENT_TYPES = "/v2/event-types";
const USER_EVENT_TYPE = "/v2/event-types/{eventTypeId}";
const TEAM_EVENT_TYPES = "/v2/teams/{teamId}/event-types";
const TEAM_EVENT_TYPE = "/v2/teams/{teamId}/event-types/{eventTypeId}";

interface Call {
  method: HttpMethod;
  template: string;
  params?: Record<string, number>;
  query?: Record<string, string | undefined>;
  body?: unknown;
  expect: "object" | "array" | "event-type";
}

/** The in-process pacer and the shared-budget one, as the client uses them. */
interface Pacer {
  acquire(): Promise<unknown>;
  settle(ticket: unknown, outcome?: RequestOutcome): void | Promise<void>;
}

function normalizeBaseUrl(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, "").replace(/\/v2$/, "");
}

/** The id of the budget the client spends for this key (see budgetKeyId), e.g. to read the key's rate. */
export function calcomBudgetKeyId(apiKey: string, baseUrl?: string): string {
  return budgetKeyId(normalizeBaseUrl(baseUrl ?? DEFAULT_CALCOM_BASE_URL), apiKey.trim());
}

function fillPath(template: string, params: Record<string, number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || !Number.isSafeInteger(value) || value < 1) {
      throw new TypeError(`Cal.com ${name} must be a positive integer, got ${String(value)}`);
    }
    return String(value);
  });
}

function queryString(query: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) search.set(name, value);
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}

export function createCalcomClient(options: CalcomClientOptions): CalcomClient {
  const apiKey = options.apiKey.trim();
  if (apiKey === "") throw new TypeError("Cal.com API key is empty");
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? DEFAULT_CALCOM_BASE_URL);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const pacer: Pacer = options.rateBudget
    ? sharedPacerFor(options.rateBudget, budgetKeyId(baseUrl, apiKey), options.budgetShare)
    : pacerForApiKey(apiKey, options.pacer);
  const redact = (value: unknown) => redactSecret(value, apiKey);
  let lastRateLimit: RateLimitInfo | undefined;
  let ownUsername: Promise<string> | undefined;

  async function call<T>(spec: Call): Promise<T> {
    const path = fillPath(spec.template, spec.params);
    const operationName = `${spec.method.toUpperCase()} ${path}`;
    const operation = findOperation(spec.method, spec.template);
    // On every path, even where the spec does not declare it (the team paths): without it Cal.com may
    // fall back to a legacy API with other field names.
    const headers: Record<string, string> = {
      Authorization: `Bearer ${apiKey}`,
      Accept: "application/json",
      "cal-api-version": CALCOM_API_VERSION,
    };
    let body: string | undefined;
    const bodySchema = requestBodySchema(operation);
    if (bodySchema && spec.body !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(stripUnknownFields(spec.body, bodySchema));
    }

    const ticket = await pacer.acquire();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const method = spec.method.toUpperCase();
    const sentAt = performance.now();
    const observe = (status: number | undefined, kind?: CalcomRequestObservation["kind"]) =>
      options.onRequest?.({ method, route: spec.template, status, durationMs: performance.now() - sentAt, ...(kind && { kind }) });
    let response: Response;
    let text: string;
    let answeredAt: number;
    try {
      response = await fetchImpl(`${baseUrl}${path}${queryString(spec.query)}`, { method, headers, body, signal: controller.signal });
      answeredAt = Date.now();
      text = await response.text();
    } catch (error) {
      await pacer.settle(ticket);
      observe(undefined, controller.signal.aborted ? "timeout" : "network");
      if (controller.signal.aborted) {
        throw new CalcomError({ kind: "timeout", operation: operationName, reason: `no complete response within ${timeoutMs} ms` });
      }
      const reason = String(redact(describeFailure(error)));
      throw new CalcomError({ kind: "network", operation: operationName, reason, cause: new Error(reason) });
    } finally {
      clearTimeout(timer);
    }
    observe(response.status);

    const rateLimit = readRateLimitHeaders(response.headers);
    if (Object.keys(rateLimit).length > 0) lastRateLimit = rateLimit;
    if (response.status === 429) {
      const retryAfterMs = readRetryAfter(response.headers) ?? rateLimit.resetMs;
      await pacer.settle(ticket, { rateLimit, answeredAt, blockMs: retryAfterMs ?? options.pacer?.windowMs ?? DEFAULT_PACER_OPTIONS.windowMs });
      throw new CalcomError({ kind: "rate_limited", operation: operationName, status: 429, retryAfterMs, ...redactedError(text, redact) });
    }
    await pacer.settle(ticket, { rateLimit, answeredAt });

    if (!response.ok) {
      throw new CalcomError({
        kind: kindForStatus(response.status),
        operation: operationName,
        status: response.status,
        ...redactedError(text, redact),
      });
    }
    const data = readSuccessData(text, spec.expect === "event-type" ? "object-or-array" : spec.expect);
    const value = data.ok && spec.expect === "event-type" ? pickEventType(data.value, spec.params?.eventTypeId) : data;
    if (!value.ok) throw new CalcomError({ kind: "bad_response", operation: operationName, status: response.status, reason: value.reason });
    return value.value as T;
  }

  function scoped(scope: EventTypeScope | undefined, id?: number): Pick<Call, "template" | "params"> {
    const params: Record<string, number> = {};
    if (scope?.teamId !== undefined) params.teamId = scope.teamId;
    if (id !== undefined) params.eventTypeId = id;
    if (scope?.teamId === undefined) return { template: id === undefined ? USER_EVENT_TYPES : USER_EVENT_TYPE, params };
    return { template: id === undefined ? TEAM_EVENT_TYPES : TEAM_EVENT_TYPE, params };
  }

  const getMe = () => call<CalcomMe>({ method: "get", template: "/v2/me", expect: "object" });

  /** The key's username for the user path's eventSlug filter; a failed read is not kept. */
  function usernameOfKey(): Promise<string> {
    ownUsername ??= getMe().then(
      (me) => me.username,
      (error: unknown) => {
        ownUsername = undefined;
        throw error;
      },
    );
    return ownUsername;
  }

  async function listEventTypes(scope?: EventTypeScope, filter: EventTypeListFilter = {}): Promise<CalcomEventType[]> {
    const { eventSlug } = filter;
    if (scope?.teamId !== undefined) return call({ method: "get", ...scoped(scope), query: { eventSlug }, expect: "array" });
    const username = filter.username ?? (eventSlug === undefined ? undefined : await usernameOfKey());
    return call({ method: "get", ...scoped(scope), query: { eventSlug, username }, expect: "array" });
  }

  return {
    getMe,
    me: getMe,
    listEventTypes,
    getEventType: (id, scope) => call<CalcomEventType>({ method: "get", ...scoped(scope, id), expect: "object" }),
    createEventType: (input, scope) => call<CalcomEventType>({ method: "post", ...scoped(scope), body: input, expect: "event-type" }),
    updateEventType: (id, input, scope) =>
      call<CalcomEventType>({ method: "patch", ...scoped(scope, id), body: input, expect: "event-type" }),
    deleteEventType: async (id, scope) => {
      await call<unknown>({ method: "delete", ...scoped(scope, id), expect: "object" });
    },
    lastRateLimit: () => lastRateLimit,
  };
}

/** Team writes may answer with the event type and its managed children: keep the one asked for. */
function pickEventType(data: unknown, id: number | undefined): { ok: true; value: unknown } | { ok: false; reason: string } {
  if (!Array.isArray(data)) return { ok: true, value: data };
  const match = data.find((item: { id?: unknown }) => item.id === id) ?? data[0];
  return match === undefined ? { ok: false, reason: "the response data is an empty list" } : { ok: true, value: match };
}

function redactedError(text: string, redact: (value: unknown) => unknown) {
  const { code, message, details } = readErrorBody(text);
  return {
    calcomCode: code === undefined ? undefined : String(redact(code)),
    calcomMessage: message === undefined ? undefined : String(redact(message)),
    details: redact(details),
  };
}
