import { CalcomError, type CalcomEventType, type CalcomRequestObservation, createCalcomClient } from "@askpro/calcom";
import { type DriftMark, type EntityManager, loadDriftCompany, SecretDecryptionError, writeDriftMarks } from "@askpro/db";
import { type DriftState, describeSyncReason, judgeDrift, type SyncReason } from "@askpro/domain";
import type { Logger } from "pino";
import { calcomFailureReason } from "./calcom-failure-reason";
import { type CalcomSettings, resolveCalcomCredentials } from "./run-sync";

export interface CheckDriftDependencies {
  em: EntityManager;
  logger: Logger;
  calcom: CalcomSettings;
  /**
   * Of each window of the key's shared budget (calcom.rateBudget), the share the check may take: it
   * waits for the next window rather than take the requests the syncs need. Default DEFAULT_DRIFT_BUDGET_SHARE.
   */
  budgetShare?: number | undefined;
  /** Handed to the Cal.com client as onRequest (the worker's request metrics). */
  onCalcomRequest?: ((request: CalcomRequestObservation) => void) | undefined;
}

/** A check reads in the background: a fifth of a window at most, the rest is the syncs'. */
export const DEFAULT_DRIFT_BUDGET_SHARE = 0.2;

export type DriftCheckResult =
  | {
      outcome: "checked";
      /** Linked services judged (pending and deleting ones are left alone). */
      checked: number;
      /** Marks written (an edit, relink or sync meanwhile keeps a service out). */
      marked: number;
      counts: Record<DriftState, number>;
      /** Requests to Cal.com this check made: one list call for the company's team or user. */
      calcomRequests: number;
      durationMs: number;
    }
  /** Nothing to check, or Cal.com could not be read: every mark stays as it was. */
  | { outcome: "skipped"; why: "no_company" | "no_linked_services"; calcomRequests: 0; durationMs: number }
  | { outcome: "failed"; reason: SyncReason; calcomRequests: number; durationMs: number };

/**
 * The drift check of one company (job `calcom.check-drift`): reads the company's event types with one
 * list call (its team's path, else its key's user's), never one request per service, and marks each
 * linked service in step, changed in Cal.com (fields, both values) or missing in Cal.com. A service
 * pending a sync or being deleted is left alone. A failed read changes no mark and is not retried: the
 * next scheduled check reads again, and a retry would only spend more of the key's budget.
 */
export async function checkDrift(deps: CheckDriftDependencies, companyId: string): Promise<DriftCheckResult> {
  const started = Date.now();
  const elapsed = () => Date.now() - started;
  const company = await loadDriftCompany(deps.em, companyId);
  if (!company) return { outcome: "skipped", why: "no_company", calcomRequests: 0, durationMs: elapsed() };
  if (company.services.length === 0) return { outcome: "skipped", why: "no_linked_services", calcomRequests: 0, durationMs: elapsed() };

  let credentials: ReturnType<typeof resolveCalcomCredentials>;
  try {
    credentials = resolveCalcomCredentials(company, deps.calcom);
  } catch (error) {
    if (!(error instanceof SecretDecryptionError)) throw error;
    return failed({ code: "key_unreadable" }, 0);
  }
  if (!credentials) return failed({ code: "no_key" }, 0);

  let calcomRequests = 0;
  const client = createCalcomClient({
    apiKey: credentials.apiKey,
    baseUrl: credentials.baseUrl,
    timeoutMs: deps.calcom.timeoutMs,
    rateBudget: deps.calcom.rateBudget,
    budgetShare: deps.budgetShare ?? DEFAULT_DRIFT_BUDGET_SHARE,
    onRequest: (request) => {
      calcomRequests += 1;
      deps.onCalcomRequest?.(request);
    },
  });
  const readAt = new Date();
  let eventTypes: CalcomEventType[];
  try {
    eventTypes = await client.listEventTypes(company.calcomTeamId === null ? undefined : { teamId: company.calcomTeamId });
  } catch (error) {
    if (!(error instanceof CalcomError)) throw error;
    return failed(calcomFailureReason(error, null), calcomRequests);
  }

  const byId = new Map(eventTypes.map((eventType) => [eventType.id, eventType]));
  const counts: Record<DriftState, number> = { in_step: 0, changed_in_calcom: 0, missing_in_calcom: 0 };
  const marks: DriftMark[] = company.services.map(({ id, version, service }) => {
    const detail = judgeDrift(service, byId.get(service.calcomEventTypeId));
    counts[detail.code] += 1;
    return { serviceId: id, version, eventTypeId: service.calcomEventTypeId, detail };
  });
  const marked = await writeDriftMarks(deps.em, marks, { readAt, at: new Date() });
  const result = { outcome: "checked" as const, checked: marks.length, marked, counts, calcomRequests, durationMs: elapsed() };
  deps.logger.info({ companyId, ...counts, marked, calcomRequests, durationMs: result.durationMs }, "drift check done");
  return result;

  function failed(reason: SyncReason, requests: number): DriftCheckResult {
    deps.logger.warn({ companyId, reason: reason.code, calcomRequests: requests }, `drift check failed: ${describeSyncReason(reason)}`);
    return { outcome: "failed", reason, calcomRequests: requests, durationMs: elapsed() };
  }
}
