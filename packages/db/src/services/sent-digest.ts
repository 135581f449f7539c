import { createHash } from "node:crypto";
import type { SyncableService } from "@askpro/domain";

/**
 * "Changed since last sync": a digest of the service fields a sync sends, twice on each service.
 * `sent_digest` is kept by PostgreSQL (a stored generated column, SENT_DIGEST_SQL) from the fields as
 * they are now, so every writer (the edit form, import, taking Cal.com's values) keeps it without
 * knowing of it, and an edit of an unsent field (price, currency) leaves it alone. `synced_digest` is
 * written when Cal.com confirmed a sync (sentFieldsDigest of the fields that sync sent, not of the row
 * as it is then: an edit made during the sync still counts as a change). The service has changed since
 * its last sync when the two differ: a comparison of two columns of the row, which the list filters on
 * without computing anything per row.
 *
 * A digest rather than the sent fields: the list needs only "same or not", and the fields of the last
 * sync are on its history row (sync_attempts.payload) for anyone who wants to know which changed.
 */

/**
 * The service fields a sync sends (the domain's SENT_SERVICE_FIELDS; a test keeps the two equal) with
 * their columns, in the digest's order. Changing it changes every digest: a migration must rewrite
 * `synced_digest` with it.
 */
export const SENT_DIGEST_COLUMNS = {
  name: "name",
  slug: "slug",
  description: "description",
  durationMinutes: "duration_minutes",
  bufferBeforeMinutes: "buffer_before_minutes",
  bufferAfterMinutes: "buffer_after_minutes",
  minimumBookingNoticeMinutes: "minimum_booking_notice_minutes",
  isActive: "is_active",
  requiresConfirmation: "requires_confirmation",
  disableGuests: "disable_guests",
} as const satisfies Partial<Record<keyof SyncableService, string>>;

export type SentServiceFields = Pick<SyncableService, keyof typeof SENT_DIGEST_COLUMNS>;

const SEPARATOR = "\x1f";

/**
 * The generated column's expression, spelled as PostgreSQL prints it back (so the schema diff sees no
 * change). Each value as its text (`::text`: a cast of each column, so every `||` joins texts and the
 * expression stays immutable), joined by chr(31), md5 of that.
 */
export const SENT_DIGEST_SQL = `md5(${Object.values(SENT_DIGEST_COLUMNS)
  .map((column) => `(${column})::text`)
  .join(" || chr(31) || ")})`;

/** What `sent_digest` holds for these fields: the digest written when Cal.com confirmed them. */
export function sentFieldsDigest(fields: SentServiceFields): string {
  const text = (Object.keys(SENT_DIGEST_COLUMNS) as Array<keyof SentServiceFields>).map((field) => {
    const value = fields[field];
    // PostgreSQL's text of an integer and a boolean is what String() gives.
    return field === "description" ? (value ?? "") : String(value);
  }).join(SEPARATOR);
  return createHash("md5").update(text, "utf8").digest("hex");
}

/** Whether the fields a sync sends have changed since Cal.com last confirmed them. */
export function changedSinceSync(row: { synced_digest: string | null; sent_digest: string | null }): boolean {
  return row.synced_digest !== null && row.synced_digest !== row.sent_digest;
}
