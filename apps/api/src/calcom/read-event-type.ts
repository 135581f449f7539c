import { type CalcomClient, CalcomError, type CalcomEventType, createCalcomClient, describeCalcomFailure, type RateBudgetStore } from "@askpro/calcom";

/** How the confirm dialog learned (or failed to learn) what Cal.com holds now. */
export type CalcomReadability = { readable: true } | { readable: false; reason: string };

export interface CalcomSettings {
  apiUrl: string;
  apiKey: string | undefined;
  /** Why there is no usable key, when one is stored but cannot be used; replaces NO_API_KEY_REASON. */
  unusableKeyReason?: string;
  /** The key's budget shared with the workers; unset (tests without a database): this process's own. */
  rateBudget?: RateBudgetStore | undefined;
}

/** The dialog waits no longer than this for Cal.com, then shows what will be sent without Cal.com's values. */
export const PREVIEW_TIMEOUT_MS = 4_000;

export const NO_API_KEY_REASON = "No Cal.com API key is configured (neither the company's own nor CALCOM_API_KEY)";

/** Stands for "no store": the key's budget is this process's own. */
const PROCESS_BUDGET: object = {};
const clients = new WeakMap<object, Map<string, CalcomClient>>();

/**
 * One client per origin, key and budget store for the whole process, as the worker has: requests of a
 * key spend its one budget, shared with the workers when a store is given (the api passes its
 * PostgreSQL store: settings.rateBudget).
 */
export function clientFor(apiUrl: string, apiKey: string, rateBudget: RateBudgetStore | undefined): CalcomClient {
  const id = `${apiUrl}\n${apiKey}`;
  let byKey = clients.get(rateBudget ?? PROCESS_BUDGET);
  if (!byKey) {
    byKey = new Map();
    clients.set(rateBudget ?? PROCESS_BUDGET, byKey);
  }
  let client = byKey.get(id);
  if (!client) {
    client = createCalcomClient({ apiKey, baseUrl: apiUrl, timeoutMs: PREVIEW_TIMEOUT_MS, ...(rateBudget && { rateBudget }) });
    byKey.set(id, client);
  }
  return client;
}

/**
 * Reads the event type for the confirm dialog. Never fails because of Cal.com: when it cannot be
 * read the answer says why, in words an admin understands, and the dialog still offers the sync.
 */
export async function readEventTypeForPreview(
  settings: CalcomSettings,
  eventTypeId: number,
  teamId: number | undefined,
): Promise<{ eventType: CalcomEventType | null; calcom: CalcomReadability }> {
  if (!settings.apiKey) return { eventType: null, calcom: { readable: false, reason: settings.unusableKeyReason ?? NO_API_KEY_REASON } };
  const client = clientFor(settings.apiUrl, settings.apiKey, settings.rateBudget);
  let timer: NodeJS.Timeout | undefined;
  // The client's timeout starts when the request is sent; this one also covers waiting for the key's pacer.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CalcomError({ kind: "timeout", operation: "GET event type", reason: "deadline" })), PREVIEW_TIMEOUT_MS);
  });
  try {
    const eventType = await Promise.race([client.getEventType(eventTypeId, { teamId }), deadline]);
    return { eventType, calcom: { readable: true } };
  } catch (error) {
    if (!(error instanceof CalcomError)) throw error;
    return { eventType: null, calcom: { readable: false, reason: describeCalcomFailure(error, eventTypeId) } };
  } finally {
    clearTimeout(timer);
  }
}
