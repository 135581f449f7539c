import { type EntityManager, SyncAttempt } from "@askpro/db";

/** The columns of a sync-attempt row, which describe its latest HTTP attempt. */
export type AttemptColumns = Partial<
  Pick<
    SyncAttempt,
    | "startedAt"
    | "finishedAt"
    | "outcome"
    | "attemptNumber"
    | "httpStatus"
    | "calcomErrorCode"
    | "errorMessage"
    | "payload"
    | "jobId"
    | "attemptLog"
  >
>;

/** What becomes of the service, only ever while it is `pending`; undefined leaves it as it is. */
export type ServiceChange =
  | { kind: "attempt-started"; at: Date }
  | { kind: "synced"; at: Date }
  | { kind: "failed"; reason: string };

/** Each UPDATE only applies while the service is `pending`, and leaves `version` alone. */
function serviceUpdate(serviceId: string, change: ServiceChange): [sql: string, params: unknown[]] {
  const where = "WHERE id = ? AND sync_status = 'pending'";
  switch (change.kind) {
    case "attempt-started":
      return [`UPDATE services SET last_sync_attempt_at = ? ${where}`, [change.at, serviceId]];
    case "synced":
      return [`UPDATE services SET sync_status = 'synced', last_synced_at = ?, sync_error = NULL ${where}`, [change.at, serviceId]];
    case "failed":
      return [`UPDATE services SET sync_status = 'error', sync_error = ? ${where}`, [change.reason, serviceId]];
  }
}

/**
 * Writes the service and its attempt row together. The service is changed with plain SQL on
 * purpose: MikroORM's updates bump `services.version`, which guards admins' edits (a sync ending
 * must not make an open edit form stale), and `sync_status = 'pending'` in the WHERE clause means a
 * late or repeated job can never overwrite an outcome that is already recorded. Returns whether the
 * service was changed.
 */
export async function writeSyncRecords(
  em: EntityManager,
  ids: { serviceId: string; attemptId: string },
  attempt: AttemptColumns,
  service: ServiceChange | undefined,
): Promise<boolean> {
  return em.transactional(async (tx) => {
    const result = service ? await tx.execute<{ affectedRows: number }>(...serviceUpdate(ids.serviceId, service), "run") : undefined;
    await tx.nativeUpdate(SyncAttempt, { id: ids.attemptId }, attempt);
    return (result?.affectedRows ?? 0) > 0;
  });
}
