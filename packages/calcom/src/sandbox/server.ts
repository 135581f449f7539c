import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { HttpMethod, OperationObject } from "../spec/openapi-types";
import { findOperation, requestBodySchema, requiresHeader } from "../spec/spec";
import { SpecValidator } from "../spec/validator";
import { CALCOM_API_VERSION, type CalcomEventType } from "../types";
import { type EndpointMatcher, FaultTable, type SandboxFault } from "./faults";
import { loadFixture, type SandboxFixture } from "./fixture";
import { HANDLERS } from "./handlers";
import { errorEnvelope, SandboxHttpError } from "./http-errors";
import { IGNORED_FIELDS_CONTROL_PATH, IgnoredFields } from "./ignored-fields";
import { DEFAULT_RATE_LIMIT, FixedWindowRateLimiter, type RateLimitOptions } from "./rate-limiter";
import { readRequestBody } from "./request-body";
import { EventTypeIds, SandboxState } from "./state";

export interface CalcomSandboxOptions {
  port?: number;
  host?: string;
  /** Defaults to src/sandbox/fixture.json (the demo event types). */
  fixture?: SandboxFixture;
  rateLimit?: Partial<RateLimitOptions>;
}

/** One request as the sandbox saw it; the Authorization value is never kept. */
export interface SandboxRequest {
  method: string;
  path: string;
  /** "PATCH /v2/event-types/{eventTypeId}", when the path is one of the spec's operations. */
  endpoint: string | undefined;
  headers: Record<string, string>;
  /** The JSON body as sent (before stripping), the raw text when it is not JSON, or undefined. */
  body: unknown;
  /** Undefined while in progress, and when the connection was dropped by a fault. */
  status: number | undefined;
  responseBody: unknown;
  /** A lost_response fault: status and responseBody say what Cal.com did, but the caller got nothing. */
  answerLost?: true;
}

/** Which event types a test asks the sandbox about; omitted fields match everything. */
export interface EventTypeQuery {
  teamId?: number;
  ownerId?: number;
  slug?: string;
}

export interface CalcomSandbox {
  url: string;
  readonly requests: readonly SandboxRequest[];
  stop(): Promise<void>;
  /** Back to the fixture: state, extra API keys, request log, faults and rate-limit counters. */
  reset(): void;
  setFault(matcher: EndpointMatcher, fault: SandboxFault, times?: number): void;
  clearFaults(): void;
  /** From now on PATCHes of this event type answer 200 without changing `field` (as Cal.com does with fields it drops). */
  ignoreField(eventTypeId: number, field: string): void;
  clearIgnoredFields(): void;
  getEventType(id: number): CalcomEventType | undefined;
  /** Copies of the event types held now, e.g. to count those with a slug after a retried create. */
  eventTypes(query?: EventTypeQuery): CalcomEventType[];
  addApiKey(key: string, userId: number): void;
  readonly eventTypeCount: number;
}

const MAX_LOGGED_REQUESTS = 5_000;
const MAX_BODY_BYTES = 1_000_000;
const API_KEY_PREFIX = "cal_";

interface Route {
  endpoint: string;
  operation: OperationObject;
  params: Record<string, string>;
}

function routeTable(): Array<{ method: string; pattern: RegExp; template: string; operation: OperationObject }> {
  return Object.keys(HANDLERS).map((endpoint) => {
    const [method, template] = endpoint.split(" ") as [string, string];
    const pattern = new RegExp(`^${template.replace(/\{(\w+)\}/g, "(?<$1>[^/]+)")}$`);
    return { method, pattern, template, operation: findOperation(method.toLowerCase() as HttpMethod, template) };
  });
}

function redactHeaders(headers: IncomingMessage["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : value;
    out[name] = name === "authorization" ? text.replace(/^(\S+\s+)?.*$/, (_, scheme = "") => `${scheme}[redacted]`) : text;
  }
  return out;
}

function parseForLog(raw: string): unknown {
  if (raw === "") return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

async function readRaw(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new SandboxHttpError(413, "Request body is too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function startCalcomSandbox(options: CalcomSandboxOptions = {}): Promise<CalcomSandbox> {
  const fixture = options.fixture ?? loadFixture();
  const rateLimit = { ...DEFAULT_RATE_LIMIT, ...options.rateLimit };
  const outputValidator = new SpecValidator();
  const requestValidator = new SpecValidator(undefined, { oneOfAsAnyOf: true });
  const routes = routeTable();
  const faults = new FaultTable();
  const ignoredFields = new IgnoredFields();
  const limiter = new FixedWindowRateLimiter(rateLimit);
  const requests: SandboxRequest[] = [];
  const ids = new EventTypeIds(fixture);
  let state = new SandboxState(fixture, outputValidator, ids);

  function match(method: string, path: string): Route | undefined {
    for (const route of routes) {
      if (route.method !== method) continue;
      const found = route.pattern.exec(path);
      if (found) return { endpoint: `${route.method} ${route.template}`, operation: route.operation, params: { ...found.groups } };
    }
    return undefined;
  }

  function send(res: ServerResponse, entry: SandboxRequest, status: number, body: unknown, headers: Record<string, string> = {}) {
    entry.status = status;
    entry.responseBody = body;
    if (entry.answerLost) {
      res.socket?.destroy();
      return;
    }
    res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...headers });
    res.end(JSON.stringify(body));
  }

  /** Faults that replace the answer; latency only delays it. Returns true when the request is answered. */
  async function applyFault(fault: SandboxFault, res: ServerResponse, entry: SandboxRequest, path: string): Promise<boolean> {
    switch (fault.kind) {
      case "lost_response":
        entry.answerLost = true;
        return false;
      case "latency":
        await sleep(fault.ms);
        return false;
      case "drop":
        res.socket?.destroy();
        return true;
      case "malformed":
        entry.status = 200;
        entry.responseBody = '{"status":"success","data":{"id":';
        res.writeHead(200, { "Content-Type": "application/json; charset=utf-8" });
        res.end(entry.responseBody);
        return true;
      case "status": {
        const error = new SandboxHttpError(fault.status, fault.message ?? "Internal server error");
        send(res, entry, fault.status, errorEnvelope(error, path));
        return true;
      }
      case "rate_limit": {
        const error = new SandboxHttpError(429, "Too many requests. Please try again later.");
        send(res, entry, 429, errorEnvelope(error, path), { "Retry-After": String(fault.retryAfter) });
        return true;
      }
    }
  }

  /** Like Cal.com's throttler: keyed by the API key's hash, else the token, else the client address. */
  function tracker(req: IncomingMessage, token: string | undefined): string {
    if (token?.startsWith(API_KEY_PREFIX)) return `api_key_${createHash("sha256").update(token).digest("hex")}`;
    if (token) return `access_token_${createHash("sha256").update(token).digest("hex")}`;
    return `ip_${req.socket.remoteAddress ?? "unknown"}`;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://sandbox");
    const path = url.pathname;
    if (path === IGNORED_FIELDS_CONTROL_PATH) {
      // A test's switch, not Cal.com's API: left out of the request log that tests count.
      const control = ignoredFields.control(method, await readRaw(req).catch(() => ""));
      res.writeHead(control.status, { "Content-Type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(control.body));
      return;
    }
    const route = match(method, path);
    const entry: SandboxRequest = {
      method,
      path: `${path}${url.search}`,
      endpoint: route?.endpoint,
      headers: redactHeaders(req.headers),
      body: undefined,
      status: undefined,
      responseBody: undefined,
    };
    requests.push(entry);
    if (requests.length > MAX_LOGGED_REQUESTS) requests.shift();
    let rateLimitHeaders: Record<string, string> = {};
    try {
      const raw = await readRaw(req);
      entry.body = parseForLog(raw);
      if (!route) throw new SandboxHttpError(404, `Cannot ${method} ${path}`);
      const fault = faults.take(method, route.endpoint.slice(method.length + 1));
      if (fault && (await applyFault(fault, res, entry, path))) return;

      const authorization = req.headers.authorization;
      const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
      const user = token ? state.userForApiKey(token) : undefined;
      if (token?.startsWith(API_KEY_PREFIX) && !user) throw new SandboxHttpError(401, "Invalid API Key");
      const decision = limiter.hit(tracker(req, token));
      rateLimitHeaders = decision.headers;
      if (decision.limited) throw new SandboxHttpError(429, "Too many requests. Please try again later.");

      if (authorization !== undefined && !user) throw new SandboxHttpError(401, "Invalid Access Token");
      if (!user && requiresHeader(route.operation, "Authorization")) throw new SandboxHttpError(401, "Authorization header is missing");
      if (requiresHeader(route.operation, "cal-api-version") && req.headers["cal-api-version"] !== CALCOM_API_VERSION) {
        const sent = req.headers["cal-api-version"];
        throw new SandboxHttpError(
          400,
          `${sent === undefined ? "Missing" : `Unsupported value "${sent}" for the`} cal-api-version header: ${route.endpoint} requires cal-api-version: ${CALCOM_API_VERSION}`,
        );
      }
      const params: Record<string, number> = {};
      for (const [name, value] of Object.entries(route.params)) {
        if (!/^\d+$/.test(value)) throw new SandboxHttpError(400, "Validation failed (numeric string is expected)");
        params[name] = Number(value);
      }
      const schema = requestBodySchema(route.operation);
      const validBody = schema ? readRequestBody(raw, req.headers["content-type"], schema, requestValidator) : {};
      const body = ignoredFields.strip(route.endpoint, params, validBody);
      const handler = HANDLERS[route.endpoint];
      if (!handler) throw new Error(`no handler for ${route.endpoint}`);
      const result = handler({ state, user, params, query: url.searchParams, body });
      send(res, entry, result.status, { status: "success", data: result.data }, rateLimitHeaders);
    } catch (error) {
      const httpError = error instanceof SandboxHttpError ? error : new SandboxHttpError(500, "Internal server error");
      if (!(error instanceof SandboxHttpError)) console.error("Cal.com sandbox failed on", method, path, error);
      if (!res.headersSent && !res.destroyed) send(res, entry, httpError.status, errorEnvelope(httpError, path), rateLimitHeaders);
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
    reset() {
      state = new SandboxState(fixture, outputValidator, ids);
      requests.length = 0;
      faults.clear();
      ignoredFields.clear();
      limiter.reset();
    },
    setFault: (matcher, fault, times) => faults.set(matcher, fault, times),
    clearFaults: () => faults.clear(),
    ignoreField: (eventTypeId, field) => ignoredFields.ignore(eventTypeId, field),
    clearIgnoredFields: () => ignoredFields.clear(),
    getEventType: (id) => state.peek(id),
    eventTypes: (query = {}) =>
      state
        .all()
        .filter(
          (eventType) =>
            (query.slug === undefined || eventType.slug === query.slug) &&
            (query.teamId === undefined || ("teamId" in eventType && eventType.teamId === query.teamId)) &&
            (query.ownerId === undefined || ("ownerId" in eventType && eventType.ownerId === query.ownerId)),
        ),
    addApiKey: (key, userId) => state.addApiKey(key, userId),
    get eventTypeCount() {
      return state.eventTypeCount;
    },
  };
}
