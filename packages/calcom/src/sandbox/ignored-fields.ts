/**
 * Cal.com answers 200 to a PATCH carrying a field it drops, with the event type as it was: the sync's
 * read-back must notice. This switch makes the sandbox drop a chosen field of a chosen event type.
 */

/** The test-control path: PUT { eventTypeId, field } adds one, DELETE clears them all. Not a Cal.com path. */
export const IGNORED_FIELDS_CONTROL_PATH = "/__sandbox/ignored-fields";

const PATCHES = new Set(["PATCH /v2/event-types/{eventTypeId}", "PATCH /v2/teams/{teamId}/event-types/{eventTypeId}"]);

export class IgnoredFields {
  private readonly byEventType = new Map<number, Set<string>>();

  ignore(eventTypeId: number, field: string): void {
    const fields = this.byEventType.get(eventTypeId) ?? new Set<string>();
    fields.add(field);
    this.byEventType.set(eventTypeId, fields);
  }

  clear(): void {
    this.byEventType.clear();
  }

  /** The validated body of a request, without the fields its event type ignores (PATCHes only). */
  strip(endpoint: string, params: Record<string, number>, body: Record<string, unknown>): Record<string, unknown> {
    const eventTypeId = params.eventTypeId;
    const ignored = eventTypeId === undefined || !PATCHES.has(endpoint) ? undefined : this.byEventType.get(eventTypeId);
    if (!ignored) return body;
    return Object.fromEntries(Object.entries(body).filter(([field]) => !ignored.has(field)));
  }

  /** Answers a request to IGNORED_FIELDS_CONTROL_PATH. */
  control(method: string, raw: string): { status: number; body: unknown } {
    if (method === "DELETE") {
      this.clear();
      return { status: 200, body: { ignored: [] } };
    }
    if (method !== "PUT") return { status: 405, body: { error: "PUT { eventTypeId, field } or DELETE" } };
    let input: { eventTypeId?: unknown; field?: unknown };
    try {
      input = JSON.parse(raw) as typeof input;
    } catch {
      return { status: 400, body: { error: "The body must be JSON: { eventTypeId, field }" } };
    }
    const { eventTypeId, field } = input ?? {};
    if (!Number.isSafeInteger(eventTypeId) || typeof field !== "string" || field === "") {
      return { status: 400, body: { error: "eventTypeId must be an integer and field a field name" } };
    }
    this.ignore(eventTypeId as number, field);
    return { status: 200, body: { ignored: [...(this.byEventType.get(eventTypeId as number) ?? [])] } };
  }
}
