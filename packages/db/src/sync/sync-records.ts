import { randomUUID } from "node:crypto";
import { type CalcomAssignment, describeSyncReason, SYNC_TRANSITIONS, type SyncableService, type SyncReason, type SyncTransitionName } from "@askpro/domain";
import { type QueryCreator, sql } from "kysely";
import type { SyncAttemptLogEntry, SyncAttemptOutcome } from "../entities/sync-attempt";
import { asReturned, compiledOnce, type Database, db, type SlotOf } from "../kysely";
import type { EntityManager } from "../orm";
import { type SentServiceFields, sentFieldsDigest } from "../services/sent-digest";
import { SERVICE_FIELD_COLUMNS, type ServiceFields, serviceFields } from "../services/service-dto";

/**
 * The sync's reads and writes: the one module whose SQL touches `services.sync_status`. Every status
 * change is a conditional UPDATE built from SYNC_TRANSITIONS (packages/domain): the WHERE takes the
 * transition's from-states and the SET its to-state, so a write whose service is in another state
 * matches no row and changes nothing. Each write changes the service and its attempt row in one
 * statement, atomic without a transaction. None touches `services.version`: it guards admins' edits,
 * and a sync must not make an open edit form stale. Typed SQL through MikroORM's Kysely, on the ORM's
 * own connection (and transaction, when there is one).
 */

function fromStates(transition: SyncTransitionName): string[] {
  return [...SYNC_TRANSITIONS[transition].from];
}

function toState(transition: SyncTransitionName): string {
  return SYNC_TRANSITIONS[transition].to;
}

export interface SyncIds {
  serviceId: string;
  attemptId: string;
}

export interface ClaimSyncRequest {
  serviceId: string;
  /** The requester's company; null: any company (the system, a platform operator). */
  companyId: string | null;
  /** null when the system asks. */
  requestedById: string | null;
  at: Date;
}

/**
 * Transition `request`: marks a linked service pending and creates its attempt row, in one statement,
 * so of any number of simultaneous requests exactly one succeeds. Returns the new attempt's id, or
 * undefined when nothing was claimed (missing, another company's, not linked, or not in a from-state).
 */
export async function claimSyncRequest(em: EntityManager, request: ClaimSyncRequest): Promise<string | undefined> {
  return claimWithAttempt(em, request, { transition: "request", kind: "sync", linked: true });
}

/**
 * A claim's one statement: the conditional UPDATE of `transition` (on a linked or an unlinked service,
 * of the requester's company) and, only when it changed the service, the new history row of `kind`.
 * Resolves to the row's id, or undefined when nothing was claimed.
 */
async function claimWithAttempt(
  em: EntityManager,
  request: ClaimSyncRequest,
  claim: { transition: "request" | "requestCreate" | "requestDelete"; kind: string; linked: boolean },
): Promise<string | undefined> {
  const { serviceId, companyId, requestedById, at } = request;
  const row = await db(em)
    .with("claimed", (q) =>
      q
        .updateTable("services")
        .set({ sync_status: toState(claim.transition) as never, sync_error: null, sync_reason: null, last_sync_attempt_at: at })
        .where("id", "=", serviceId)
        .$if(companyId !== null, (update) => update.where("company_id", "=", companyId as string))
        .where("calcom_event_type_id", claim.linked ? "is not" : "is", null)
        .where("sync_status", "in", fromStates(claim.transition) as never[])
        .returning("id"),
    )
    .insertInto("sync_attempts")
    .columns(["id", "kind", "service_id", "requested_by_id", "requested_at"])
    .expression((q) =>
      q
        .selectFrom("claimed")
        .select([
          sql<string>`${randomUUID()}::uuid`.as("id"),
          sql<string>`${claim.kind}`.as("kind"),
          "claimed.id",
          sql<string | null>`${requestedById}::uuid`.as("by"),
          sql<Date>`${at}::timestamptz`.as("at"),
        ]),
    )
    .returning("id")
    .executeTakeFirst();
  return row?.id;
}

/** Why a request claimed nothing: undefined when the service is missing (or another company's). */
export async function serviceLinkState(em: EntityManager, serviceId: string, companyId: string | null): Promise<"linked" | "unlinked" | undefined> {
  const row = await db(em)
    .selectFrom("services")
    .select(sql<boolean>`calcom_event_type_id IS NOT NULL`.as("linked"))
    .where("id", "=", serviceId)
    .$if(companyId !== null, (select) => select.where("company_id", "=", companyId as string))
    .executeTakeFirst();
  if (!row) return undefined;
  return row.linked ? "linked" : "unlinked";
}

/** What a sync reads: the service, its company's Cal.com settings, and its attempt row. */
export interface SyncTarget {
  service: ServiceFields & SyncableService;
  calcomTeamId: number | null;
  /** Encrypted; null when the company uses the global key. */
  calcomApiKeyEncrypted: string | null;
  /** How the company's team event types assign bookings (a create's default; the service may override it). */
  companyAssignment: CalcomAssignment;
  /** undefined when the attempt row is gone. */
  attempt: { requestedAtMs: number } | undefined;
  /** The company syncs on save (auto-sync): only then may a save made during the sync need a follow-up. */
  companyAutoSync: boolean;
  /** "Pause syncing" is on for the company: runSync holds the job, nothing is sent. */
  companySyncPaused: boolean;
}

/** Compiled once: a sync's first statement, at every run. */
const syncTargetStatement = compiledOnce((kysely, slot: SlotOf<{ serviceId: string; attemptId: string }>) =>
  kysely
    .selectFrom("services as s")
    .innerJoin("companies as c", "c.id", "s.company_id")
    .leftJoin("sync_attempts as a", (join) => join.on("a.id", "=", slot("attemptId")))
    .select([
      ...SERVICE_FIELD_COLUMNS,
      "c.calcom_team_id",
      "c.calcom_api_key_encrypted",
      "c.calcom_assignment as company_calcom_assignment",
      "c.auto_sync as company_auto_sync",
      "c.sync_paused_at as company_sync_paused_at",
      sql<number | null>`(extract(epoch FROM a.requested_at) * 1000)::float8`.as("attempt_requested_at_ms"),
    ])
    .where("s.id", "=", slot("serviceId"))
    .$call(asReturned("calcom_event_type_id", "calcom_team_id")),
);

/** One statement; undefined when the service is gone. */
export async function loadSyncTarget(em: EntityManager, ids: SyncIds): Promise<SyncTarget | undefined> {
  const [row] = await syncTargetStatement(em, ids);
  if (!row) return undefined;
  return {
    service: serviceFields(row),
    calcomTeamId: row.calcom_team_id === null ? null : Number(row.calcom_team_id),
    calcomApiKeyEncrypted: row.calcom_api_key_encrypted,
    companyAssignment: row.company_calcom_assignment,
    attempt: row.attempt_requested_at_ms === null ? undefined : { requestedAtMs: row.attempt_requested_at_ms },
    companyAutoSync: row.company_auto_sync,
    companySyncPaused: row.company_sync_paused_at !== null,
  };
}

/** The columns of a sync-attempt row, which describe its latest HTTP attempt. */
export interface AttemptChange {
  /** Kept when the row has one already: a run after a crash or a retry continues the same attempt. */
  startedAt?: Date;
  finishedAt?: Date | null;
  outcome?: SyncAttemptOutcome | null;
  attemptNumber?: number;
  httpStatus?: number | null;
  calcomErrorCode?: string | null;
  /** The plain-English text; when only `reason` is given, its describeSyncReason. */
  errorMessage?: string | null;
  /** Why the attempt failed, as a code the SPA words (sync-reason.ts). */
  reason?: SyncReason | null;
  payload?: Record<string, unknown>;
  jobId?: string;
  /** Appended to the row's log of HTTP attempts: a call is logged before it is sent. */
  logEntry?: SyncAttemptLogEntry;
  /** Replaces the log's last entry: the call logged before it was sent, now with its answer. */
  lastLogEntry?: SyncAttemptLogEntry;
}

/** A transition of the service, with what it records; undefined leaves the service as it is. */
export type ServiceChange =
  | { transition: "start"; at: Date }
  /** `sent`: the fields the sync sent, which Cal.com confirmed (see sent-digest.ts). */
  | { transition: "succeed"; at: Date; sent: SentServiceFields }
  /** The service keeps the reason as a code and as plain English (sync_error). */
  | { transition: "fail"; reason: SyncReason };

/**
 * Writes the attempt row, and when `service` is given applies that transition to the service, in one
 * statement. The attempt row is written either way: a late or repeated job still records what it
 * did, but can never overwrite an outcome the service already has. Resolves to whether the service
 * took the transition (true when none was asked for).
 */
export async function writeSyncRecords(em: EntityManager, ids: SyncIds, attempt: AttemptChange, service?: ServiceChange): Promise<boolean> {
  const attemptSet = attemptColumns(attempt);
  if (Object.keys(attemptSet).length === 0) throw new Error("writeSyncRecords: no attempt column to write");
  if (!service) {
    await db(em).updateTable("sync_attempts").set(attemptSet).where("id", "=", ids.attemptId).execute();
    return true;
  }
  const row = await db(em)
    .with("service", (q) => transitionService(q, ids.serviceId, service).returning("id"))
    .with("attempt", (q) => q.updateTable("sync_attempts").set(attemptSet).where("id", "=", ids.attemptId))
    .selectNoFrom((eb) => eb.exists(eb.selectFrom("service").select("service.id")).as("transitioned"))
    .executeTakeFirstOrThrow();
  return row.transitioned === true;
}

function transitionService(q: QueryCreator<Database>, serviceId: string, change: ServiceChange) {
  const status = toState(change.transition) as never;
  const set =
    change.transition === "start"
      ? { sync_status: status, last_sync_attempt_at: change.at }
      : change.transition === "succeed"
        ? { sync_status: status, last_synced_at: change.at, sync_error: null, sync_reason: null, synced_digest: sentFieldsDigest(change.sent), ...NO_DRIFT }
        : { sync_status: status, sync_error: describeSyncReason(change.reason), sync_reason: jsonb(change.reason) };
  return q
    .updateTable("services")
    .set(set)
    .where("id", "=", serviceId)
    .where("sync_status", "in", fromStates(change.transition) as never[]);
}

/**
 * Clears the drift check's mark (drift-records.ts) where it went stale: Cal.com confirmed our values
 * (a sync ended synced), the service took Cal.com's, or the link changed. The next check judges again.
 */
const NO_DRIFT = { drift_state: null, drift_reason: null, drift_checked_at: null } as const;

function jsonb(value: unknown) {
  return sql<never>`${JSON.stringify(value)}::jsonb`;
}

function attemptColumns(attempt: AttemptChange) {
  const set: Record<string, unknown> = {};
  if (attempt.startedAt !== undefined) set.started_at = sql`COALESCE(started_at, ${attempt.startedAt})`;
  if (attempt.finishedAt !== undefined) set.finished_at = attempt.finishedAt;
  if (attempt.outcome !== undefined) set.outcome = attempt.outcome;
  if (attempt.attemptNumber !== undefined) set.attempt_number = attempt.attemptNumber;
  if (attempt.httpStatus !== undefined) set.http_status = attempt.httpStatus;
  if (attempt.calcomErrorCode !== undefined) set.calcom_error_code = attempt.calcomErrorCode;
  if (attempt.errorMessage !== undefined) set.error_message = attempt.errorMessage;
  else if (attempt.reason !== undefined) set.error_message = attempt.reason && describeSyncReason(attempt.reason);
  if (attempt.reason !== undefined) set.reason = attempt.reason && jsonb(attempt.reason);
  if (attempt.payload !== undefined) set.payload = sql`${JSON.stringify(attempt.payload)}::jsonb`;
  if (attempt.jobId !== undefined) set.job_id = attempt.jobId;
  if (attempt.logEntry !== undefined) set.attempt_log = sql`attempt_log || jsonb_build_array(${JSON.stringify(attempt.logEntry)}::jsonb)`;
  if (attempt.lastLogEntry !== undefined) {
    // An empty log (the row was written by an older worker) gets the entry appended instead.
    set.attempt_log = sql`CASE WHEN jsonb_array_length(attempt_log) = 0 THEN jsonb_build_array(${JSON.stringify(attempt.lastLogEntry)}::jsonb)
      ELSE jsonb_set(attempt_log, '{-1}', ${JSON.stringify(attempt.lastLogEntry)}::jsonb) END`;
  }
  return set as never;
}

/** Services in a from-state of `reconcile` whose last attempt and last request are both older than `olderThanMs`, oldest first. */
export async function findStalePendingServices(em: EntityManager, options: { olderThanMs: number; limit: number }): Promise<string[]> {
  const { rows } = await sql<{ id: string }>`SELECT s.id
    FROM services s
    LEFT JOIN LATERAL (SELECT max(a.requested_at) AS at FROM sync_attempts a WHERE a.service_id = s.id) last_request ON true
    WHERE s.sync_status IN (${sql.join(fromStates("reconcile"))})
      AND GREATEST(COALESCE(s.last_sync_attempt_at, '-infinity'), COALESCE(last_request.at, '-infinity'))
          < now() - ${options.olderThanMs} * interval '1 millisecond'
    ORDER BY GREATEST(COALESCE(s.last_sync_attempt_at, '-infinity'), COALESCE(last_request.at, '-infinity'))
    LIMIT ${options.limit}`.execute(db(em));
  return rows.map((row) => row.id);
}

/**
 * Transition `reconcile`: while the service is still pending, fails its unfinished attempt rows with
 * `lostReason` (`lostMidCallReason` when the last call they logged has no answer) and creates a new attempt row requested by the system, in one statement. Returns the
 * new attempt's id, or undefined when the service has left pending meanwhile (its job ended).
 */
export async function claimReconcile(
  em: EntityManager,
  options: { serviceId: string; at: Date; lostReason: SyncReason; lostMidCallReason: SyncReason },
): Promise<string | undefined> {
  const { serviceId, at, lostReason, lostMidCallReason } = options;
  // The last call logged without an answer: the worker died during it.
  const lostMidCall = sql<boolean>`jsonb_array_length(attempt_log) > 0 AND attempt_log -> -1 ->> 'finishedAt' IS NULL`;
  const row = await db(em)
    .with("claimed", (q) =>
      q
        .updateTable("services")
        .set({ sync_status: toState("reconcile") as never })
        .where("id", "=", serviceId)
        .where("sync_status", "in", fromStates("reconcile") as never[])
        .returning("id"),
    )
    .with("lost", (q) =>
      q
        .updateTable("sync_attempts")
        .set({
          outcome: "failed",
          finished_at: at,
          error_message: sql<string>`CASE WHEN ${lostMidCall} THEN ${describeSyncReason(lostMidCallReason)} ELSE ${describeSyncReason(lostReason)} END`,
          reason: sql<never>`CASE WHEN ${lostMidCall} THEN ${JSON.stringify(lostMidCallReason)}::jsonb ELSE ${JSON.stringify(lostReason)}::jsonb END`,
        })
        .where("service_id", "in", (select) => select.selectFrom("claimed").select("claimed.id"))
        .where((where) => where.or([where("outcome", "is", null), where("outcome", "=", "retrying")])),
    )
    .insertInto("sync_attempts")
    .columns(["id", "service_id", "requested_by_id", "requested_at"])
    .expression((q) => q.selectFrom("claimed").select([sql<string>`${randomUUID()}::uuid`.as("id"), "claimed.id", sql<null>`NULL::uuid`.as("by"), sql<Date>`${at}::timestamptz`.as("at")]))
    .returning("id")
    .executeTakeFirst();
  return row?.id;
}

/** An attempt row that lost to another caller's live job, which records on its own row. */
export async function deleteSyncAttempt(em: EntityManager, attemptId: string): Promise<void> {
  await db(em).deleteFrom("sync_attempts").where("id", "=", attemptId).execute();
}

/** An admin's change of a service's link, guarded by the version of the service the admin saw. */
export interface LinkChange {
  serviceId: string;
  /** The admin's company; null: any company (a platform operator). */
  companyId: string | null;
  version: number;
  at: Date;
}

/**
 * Transition `link`: sets the event type of a service that has none, in one conditional UPDATE (the
 * version, no event type yet, a from-state). Unlike the sync's writes this is an admin's edit, so it
 * bumps `version`: an edit form opened before it is stale. Resolves to whether the service was linked;
 * another service holding the event type fails with the unique constraint
 * `services_calcom_event_type_id_unique`.
 */
export function linkServiceEventType(em: EntityManager, change: LinkChange & { eventTypeId: number }): Promise<boolean> {
  return setEventTypeLink(em, change, "link", change.eventTypeId);
}

/**
 * Transition `unlink`: clears the event type (Cal.com keeps it) unless a sync is pending, in one
 * conditional UPDATE; bumps `version` like `link`. The attempt rows stay: the history still shows what
 * was sent. Resolves to whether the service was unlinked.
 */
export function unlinkServiceEventType(em: EntityManager, change: LinkChange): Promise<boolean> {
  return setEventTypeLink(em, change, "unlink", null);
}

/** link and unlink: one conditional UPDATE that requires the opposite link state and bumps `version`. */
async function setEventTypeLink(em: EntityManager, change: LinkChange, transition: "link" | "unlink", eventTypeId: number | null): Promise<boolean> {
  const row = await db(em)
    .updateTable("services")
    .set((eb) => ({
      calcom_event_type_id: eventTypeId,
      sync_status: toState(transition) as never,
      sync_error: null,
      sync_reason: null,
      // Nothing has been confirmed by the event type now linked (or by none).
      synced_digest: null,
      ...NO_DRIFT,
      last_synced_at: null,
      version: eb("version", "+", 1),
      updated_at: change.at,
    }))
    .where("id", "=", change.serviceId)
    .$if(change.companyId !== null, (update) => update.where("company_id", "=", change.companyId as string))
    .where("version", "=", change.version)
    .where("calcom_event_type_id", eventTypeId === null ? "is not" : "is", null)
    .where("sync_status", "in", fromStates(transition) as never[])
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

/** A service made from a Cal.com event type, with the admin who imported it. */
export interface ImportedService {
  companyId: string;
  eventTypeId: number;
  /** Valid service fields (serviceInputSchema), all of them taken from the event type. */
  fields: Omit<SyncableService, "priceCents" | "currency"> & { description: string; priceCents: number; currency: string };
  importedById: string;
  at: Date;
  /** Kept on the history row: what was read from Cal.com. */
  payload: Record<string, unknown>;
}

/**
 * Transition `import`: inserts the service linked to its event type and already synced (it holds what
 * Cal.com holds), together with its history row (kind "import", succeeded), in one statement: both or
 * neither. Fails with the unique constraint `services_company_slug_unique` when the company has a service
 * with the slug, `services_calcom_event_type_id_unique` when a service links the event type. Resolves to
 * the new service's id.
 */
export async function insertImportedService(em: EntityManager, imported: ImportedService): Promise<string> {
  const { companyId, eventTypeId, fields, importedById, at, payload } = imported;
  const row = await db(em)
    .with("imported", (q) =>
      q
        .insertInto("services")
        .values({
          id: randomUUID(),
          company_id: companyId,
          name: fields.name,
          slug: fields.slug,
          description: fields.description,
          duration_minutes: fields.durationMinutes,
          buffer_before_minutes: fields.bufferBeforeMinutes,
          buffer_after_minutes: fields.bufferAfterMinutes,
          minimum_booking_notice_minutes: fields.minimumBookingNoticeMinutes,
          price_cents: fields.priceCents,
          currency: fields.currency,
          is_active: fields.isActive,
          requires_confirmation: fields.requiresConfirmation,
          disable_guests: fields.disableGuests,
          calcom_event_type_id: eventTypeId,
          sync_status: toState("import") as never,
          last_synced_at: at,
          // Its fields are Cal.com's: in step until edited.
          synced_digest: sentFieldsDigest(fields),
          created_at: at,
          updated_at: at,
        } as never)
        .returning("id"),
    )
    .insertInto("sync_attempts")
    .columns(["id", "kind", "service_id", "requested_by_id", "requested_at", "started_at", "finished_at", "outcome", "payload"])
    .expression((q) =>
      q
        .selectFrom("imported")
        .select([
          sql<string>`${randomUUID()}::uuid`.as("id"),
          sql<string>`'import'`.as("kind"),
          "imported.id",
          sql<string>`${importedById}::uuid`.as("by"),
          sql<Date>`${at}::timestamptz`.as("requested_at"),
          sql<Date>`${at}::timestamptz`.as("started_at"),
          sql<Date>`${at}::timestamptz`.as("finished_at"),
          sql<string>`'succeeded'`.as("outcome"),
          sql<string>`${JSON.stringify(payload)}::jsonb`.as("payload"),
        ]),
    )
    .returning("service_id")
    .executeTakeFirstOrThrow();
  return row.service_id;
}

/**
 * Records that Cal.com holds these fields of the service now (a flow other than a sync that leaves a
 * service linked and in step, e.g. one that took Cal.com's values): "Changed since last sync" is then
 * measured from them. Status writes stay with the transitions above.
 */
export async function recordConfirmedFields(em: EntityManager, serviceId: string, fields: SentServiceFields): Promise<void> {
  await db(em).updateTable("services").set({ synced_digest: sentFieldsDigest(fields) }).where("id", "=", serviceId).execute();
}

/**
 * Transition `requestCreate` ("Create in Cal.com"): marks a service without an event type pending and
 * creates its history row (kind "create"), in one statement, so of any number of simultaneous requests
 * exactly one succeeds. Returns the new attempt's id, or undefined when nothing was claimed (missing,
 * another company's, linked, or not in a from-state).
 */
export async function claimCreateRequest(em: EntityManager, request: ClaimSyncRequest): Promise<string | undefined> {
  return claimWithAttempt(em, request, { transition: "requestCreate", kind: "create", linked: false });
}

/** Why a create request claimed nothing: the service's link and status; undefined when it is missing (or another company's). */
export async function serviceCreateState(
  em: EntityManager,
  serviceId: string,
  companyId: string | null,
): Promise<{ linked: boolean; syncStatus: string } | undefined> {
  const row = await db(em)
    .selectFrom("services")
    .select([sql<boolean>`calcom_event_type_id IS NOT NULL`.as("linked"), "sync_status"])
    .where("id", "=", serviceId)
    .$if(companyId !== null, (select) => select.where("company_id", "=", companyId as string))
    .executeTakeFirst();
  return row && { linked: row.linked, syncStatus: row.sync_status };
}

/**
 * Whether a create of this service sent a POST whose answer never came (the worker died during it, or
 * the connection broke or timed out): Cal.com may have created the event type. Only then does a create
 * take an event type found by the service's slug as its own.
 */
export async function hasUnansweredCreateCall(em: EntityManager, serviceId: string): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`SELECT EXISTS (
      SELECT 1 FROM sync_attempts a, jsonb_array_elements(a.attempt_log) call
      WHERE a.service_id = ${serviceId} AND a.kind = 'create'
        AND call ->> 'method' = 'POST' AND call ->> 'httpStatus' IS NULL
    ) AS found`.execute(db(em));
  return rows[0]?.found === true;
}

/**
 * How a create ends linked: in step (`linkCreated`, with the fields Cal.com confirmed, from which
 * "Changed since last sync" counts), or with fields Cal.com did not apply (`linkCreatedNotApplied`).
 */
export type CreatedLink = { eventTypeId: number; at: Date } & (
  | { transition: "linkCreated"; sent: SentServiceFields }
  | { transition: "linkCreatedNotApplied"; reason: SyncReason }
);

/**
 * Saves the event type a create made (or found as its own) on the still pending service without one,
 * with its attempt row, in one statement. Like `link` it bumps `version`: an edit form opened before
 * holds no event type. Resolves to whether the service took it; another service holding the event type
 * fails with the unique constraint `services_calcom_event_type_id_unique`.
 */
export async function linkCreatedEventType(em: EntityManager, ids: SyncIds, link: CreatedLink, attempt: AttemptChange): Promise<boolean> {
  const status = toState(link.transition) as never;
  const row = await db(em)
    .with("service", (q) =>
      q
        .updateTable("services")
        .set((eb) => ({
          calcom_event_type_id: link.eventTypeId,
          sync_status: status,
          sync_error: link.transition === "linkCreated" ? null : describeSyncReason(link.reason),
          sync_reason: link.transition === "linkCreated" ? null : jsonb(link.reason),
          synced_digest: link.transition === "linkCreated" ? sentFieldsDigest(link.sent) : null,
          last_synced_at: link.transition === "linkCreated" ? link.at : null,
          version: eb("version", "+", 1),
          updated_at: link.at,
        }))
        .where("id", "=", ids.serviceId)
        .where("calcom_event_type_id", "is", null)
        .where("sync_status", "in", fromStates(link.transition) as never[])
        .returning("id"),
    )
    .with("attempt", (q) => q.updateTable("sync_attempts").set(attemptColumns(attempt)).where("id", "=", ids.attemptId))
    .selectNoFrom((eb) => eb.exists(eb.selectFrom("service").select("service.id")).as("linked"))
    .executeTakeFirstOrThrow();
  return row.linked === true;
}

/** "Take Cal.com's values" after the admin's update wrote them (at `version`). */
export interface ValuesTaken {
  serviceId: string;
  /** The service's version after the update that took the values: a later edit keeps the status as it is. */
  version: number;
  /** The service now holds what the event type holds (isInStepWithEventType). */
  inStep: boolean;
  /** Why it is not in step; ignored when it is. */
  reason: SyncReason | null;
  at: Date;
}

/**
 * Transition `takeValues` (in step: synced, as of now) or `takeValuesDiffering` (error, with the reason),
 * in one conditional UPDATE that also requires the version the update left: an edit saved since then
 * makes it change nothing. Does not bump `version` (the update did). Resolves to whether it applied.
 */
export async function recordValuesTaken(em: EntityManager, taken: ValuesTaken): Promise<boolean> {
  const transition = taken.inStep ? "takeValues" : "takeValuesDiffering";
  const row = await db(em)
    .updateTable("services")
    .set(
      taken.inStep
        ? // The row now holds Cal.com's values: in step, so not "Changed since last sync".
          { sync_status: toState(transition) as never, sync_error: null, sync_reason: null, last_synced_at: taken.at, synced_digest: sql<string>`sent_digest`, ...NO_DRIFT }
        : { sync_status: toState(transition) as never, sync_error: taken.reason ? describeSyncReason(taken.reason) : "Cal.com holds values the service cannot express", sync_reason: taken.reason ? jsonb(taken.reason) : null, ...NO_DRIFT },
    )
    .where("id", "=", taken.serviceId)
    .where("version", "=", taken.version)
    .where("calcom_event_type_id", "is not", null)
    .where("sync_status", "in", fromStates(transition) as never[])
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

/** What deleting a linked service does to its event type in Cal.com: the history row's kind. */
export type EventTypeRemoval = "hide" | "delete";

export interface DeletionRequest {
  serviceId: string;
  /** The admin's company; null: any company (a platform operator). */
  companyId: string | null;
  removal: EventTypeRemoval;
  requestedById: string | null;
  at: Date;
}

/**
 * Transition `requestDelete`: marks a linked service `deleting` and creates its history row (kind hide
 * or delete), in one statement, so the job that hides or deletes the event type has one row to record
 * on. Returns the row's id, or undefined when nothing was claimed (missing, another company's, not
 * linked, a sync pending, or already being deleted).
 */
export async function claimServiceDeletion(em: EntityManager, request: DeletionRequest): Promise<string | undefined> {
  return claimWithAttempt(em, request, { transition: "requestDelete", kind: request.removal, linked: true });
}

/** What the deletion job reads: the service's link and status, its company's Cal.com settings, the row's kind. */
export interface DeletionTarget {
  eventTypeId: number | null;
  syncStatus: string;
  calcomTeamId: number | null;
  /** Encrypted; null when the company uses the global key. */
  calcomApiKeyEncrypted: string | null;
  /** undefined when the history row is gone (or is not a hide or delete). */
  removal: EventTypeRemoval | undefined;
}

/** One statement; undefined when the service is gone. */
export async function loadDeletionTarget(em: EntityManager, ids: SyncIds): Promise<DeletionTarget | undefined> {
  const row = await db(em)
    .selectFrom("services as s")
    .innerJoin("companies as c", "c.id", "s.company_id")
    .leftJoin("sync_attempts as a", (join) => join.on("a.id", "=", ids.attemptId).on("a.kind", "in", ["hide", "delete"] as never[]))
    .select(["s.calcom_event_type_id", "s.sync_status", "c.calcom_team_id", "c.calcom_api_key_encrypted", "a.kind"])
    .where("s.id", "=", ids.serviceId)
    .$call(asReturned("calcom_event_type_id", "calcom_team_id"))
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    eventTypeId: row.calcom_event_type_id === null ? null : Number(row.calcom_event_type_id),
    syncStatus: row.sync_status,
    calcomTeamId: row.calcom_team_id === null ? null : Number(row.calcom_team_id),
    calcomApiKeyEncrypted: row.calcom_api_key_encrypted,
    removal: (row.kind ?? undefined) as EventTypeRemoval | undefined,
  };
}

/**
 * Transition `finishDelete`: the event type is hidden or deleted, so the service goes, with its history
 * (the rows cascade), only while it is still `deleting`. Resolves to whether it was removed.
 */
export async function removeDeletedService(em: EntityManager, serviceId: string): Promise<boolean> {
  const row = await db(em)
    .deleteFrom("services")
    .where("id", "=", serviceId)
    .where("sync_status", "in", fromStates("finishDelete") as never[])
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Transition `failDelete`: the event type could not be hidden or deleted; the service is shown again
 * with the reason (a code, and its English text), and its history row records the attempt, in one statement. Resolves to whether the
 * service took the transition.
 */
export async function failServiceDeletion(em: EntityManager, ids: SyncIds, attempt: AttemptChange, reason: SyncReason): Promise<boolean> {
  const row = await db(em)
    .with("service", (q) =>
      q
        .updateTable("services")
        .set({ sync_status: toState("failDelete") as never, sync_error: describeSyncReason(reason), sync_reason: jsonb(reason) })
        .where("id", "=", ids.serviceId)
        .where("sync_status", "in", fromStates("failDelete") as never[])
        .returning("id"),
    )
    .with("attempt", (q) => q.updateTable("sync_attempts").set(attemptColumns(attempt)).where("id", "=", ids.attemptId))
    .selectNoFrom((eb) => eb.exists(eb.selectFrom("service").select("service.id")).as("transitioned"))
    .executeTakeFirstOrThrow();
  return row.transitioned === true;
}

/** The reconciler's new history row for a lost create (claimReconcile writes a sync's): it is a create's. */
export async function markCreateAttempt(em: EntityManager, attemptId: string): Promise<void> {
  await db(em).updateTable("sync_attempts").set({ kind: "create" }).where("id", "=", attemptId).execute();
}

/**
 * Services `deleting` (transition finishDelete's from-state) whose deletion was asked for more than
 * `olderThanMs` ago, with the history row their job records on (the newest hide or delete row), oldest
 * first: the reconciler queues the job again for those that have none.
 */
export async function findStaleDeletions(em: EntityManager, options: { olderThanMs: number; limit: number }): Promise<SyncIds[]> {
  const rows = await db(em)
    .selectFrom("services as s")
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom("sync_attempts as a")
          .select("a.id")
          .whereRef("a.service_id", "=", "s.id")
          .where("a.kind", "in", ["hide", "delete"] as never[])
          .orderBy("a.requested_at", "desc")
          .limit(1)
          .as("row"),
      (join) => join.onTrue(),
    )
    .select(["s.id as serviceId", "row.id as attemptId"])
    .where("s.sync_status", "in", fromStates("finishDelete") as never[])
    .where(sql<boolean>`COALESCE(s.last_sync_attempt_at, '-infinity') < now() - ${options.olderThanMs} * interval '1 millisecond'`)
    .orderBy("s.last_sync_attempt_at")
    .limit(options.limit)
    .execute();
  return rows.map((row) => ({ serviceId: row.serviceId, attemptId: row.attemptId }));
}

/**
 * "Cancel remaining" of a bulk run (transitions cancelTo*), in one statement: each of the run's attempts
 * whose job has not started becomes a "cancelled" history row, and its service goes back to the status
 * it had before the request. An attempt the worker has started (started_at, written with the `start`
 * transition on the same row) is left to finish. Returns the cancelled requests' jobs, for the caller
 * to take out of the queue (a job that runs anyway finds its service no longer pending and skips).
 */
export async function cancelBulkRunRequests(em: EntityManager, runId: string, at: Date): Promise<Array<{ serviceId: string; jobId: string | null }>> {
  const back = (name: "cancelToNever" | "cancelToSynced" | "cancelToError") => sql.lit(toState(name));
  const pending = sql.join(fromStates("cancelToNever").map((state) => sql.lit(state)));
  const result = await sql<{ service_id: string; job_id: string | null }>`
    WITH cancelled AS (
      UPDATE sync_attempts a SET outcome = 'cancelled', finished_at = ${at}
      FROM bulk_sync_run_items i
      WHERE i.run_id = ${runId} AND a.id = i.attempt_id AND a.started_at IS NULL AND a.outcome IS NULL
      RETURNING a.service_id, i.job_id, i.previous_status
    ), back AS (
      UPDATE services s SET sync_status = CASE c.previous_status
          WHEN ${back("cancelToNever")} THEN ${back("cancelToNever")}
          WHEN ${back("cancelToSynced")} THEN ${back("cancelToSynced")}
          ELSE ${back("cancelToError")} END
      FROM cancelled c
      WHERE s.id = c.service_id AND s.sync_status IN (${pending})
      RETURNING s.id
    ), run AS (
      UPDATE bulk_sync_runs SET cancelled_at = COALESCE(cancelled_at, ${at}) WHERE id = ${runId} RETURNING id
    )
    SELECT service_id, job_id FROM cancelled`.execute(db(em));
  return result.rows.map((row) => ({ serviceId: row.service_id, jobId: row.job_id }));
}
