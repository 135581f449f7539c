import { encryptSecret } from "@askpro/db";
import { FIRST_EVENT_TYPE_ID } from "./catalogue";
import { withClient } from "./catalogue-db";
import { sleep } from "./time";

/** The APP_SECRET a benchmark's workers get (startWorker's env): it encrypts the companies' own keys. */
export const BENCH_APP_SECRET = "bench-own-keys-app-secret-0123456789abcdef";

export interface BenchCompany {
  id: string;
  /** Its services, in the catalogue's order. */
  serviceIds: string[];
}

export interface BenchCompanyOptions {
  name: string;
  slug: string;
  teamId: number;
  /** The company's own Cal.com key, stored encrypted as the settings page stores it. */
  apiKey: string;
  /** Catalogue services number `from` to `from + count - 1` move to it. */
  from: number;
  count: number;
  /** Set: they are linked to event types firstEventTypeId + 1 ... + count instead (another team's). */
  firstEventTypeId?: number;
}

/** A company of its own, with its own key, holding a slice of the catalogue (statuses as the catalogue has them). */
export async function createBenchCompany(databaseUrl: string, options: BenchCompanyOptions): Promise<BenchCompany> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO companies (id, name, slug, calcom_team_id, calcom_api_key_encrypted, created_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, now(), now()) RETURNING id`,
      [options.name, options.slug, options.teamId, encryptSecret(options.apiKey, BENCH_APP_SECRET)],
    );
    const id = (rows[0] as { id: string }).id;
    const first = FIRST_EVENT_TYPE_ID + options.from;
    const relinkBy = options.firstEventTypeId === undefined ? null : options.firstEventTypeId + 1 - first;
    await client.query(
      `UPDATE services SET company_id = $1, calcom_event_type_id = calcom_event_type_id + coalesce($4::bigint, 0)
       WHERE calcom_event_type_id BETWEEN $2 AND $3`,
      [id, first, first + options.count - 1, relinkBy],
    );
    const services = await client.query<{ id: string }>("SELECT id FROM services WHERE company_id = $1 ORDER BY calcom_event_type_id", [id]);
    if (services.rows.length !== options.count) throw new Error(`${options.slug}: ${services.rows.length} of ${options.count} catalogue services moved`);
    return { id, serviceIds: services.rows.map((row) => row.id) };
  });
}

/** An admin's edit of a field that is sent to Cal.com: the services become "Changed since last sync". */
export async function editSentField(databaseUrl: string, serviceIds: readonly string[]): Promise<void> {
  await withClient(databaseUrl, (client) =>
    client.query("UPDATE services SET description = description || ' Neu.', version = version + 1, updated_at = now() WHERE id = ANY($1)", [serviceIds]),
  );
}

/** Of these services, how many are synced with Cal.com holding what they hold now (synced_digest = sent_digest). */
export async function inStepCount(databaseUrl: string, serviceIds: readonly string[]): Promise<number> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ count: string }>(
      "SELECT count(*) FROM services WHERE id = ANY($1) AND sync_status = 'synced' AND synced_digest = sent_digest",
      [serviceIds],
    );
    return Number(rows[0]?.count ?? 0);
  });
}

/**
 * Waits for the drift check every worker start runs for each company (one list call per team): it
 * reads the team's whole list and writes a mark per service, work that should not overlap a measure.
 * False when some service was still unchecked after timeoutMs.
 */
export async function untilDriftChecked(databaseUrl: string, companyIds: readonly string[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const unchecked = await withClient(databaseUrl, async (client) => {
      const { rows } = await client.query<{ count: string }>("SELECT count(*) FROM services WHERE company_id = ANY($1) AND drift_checked_at IS NULL", [companyIds]);
      return Number(rows[0]?.count ?? 0);
    });
    if (unchecked === 0) return true;
    if (Date.now() > deadline) return false;
    await sleep(250);
  }
}

/** When the run's last sync ended (ms since the epoch, the workers' clock), from its attempts. */
export async function runFinishedAt(databaseUrl: string, runId: string): Promise<number> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ at: Date | null }>(
      "SELECT max(a.finished_at) AS at FROM bulk_sync_run_items i JOIN sync_attempts a ON a.id = i.attempt_id WHERE i.run_id = $1",
      [runId],
    );
    const at = rows[0]?.at;
    if (!at) throw new Error(`bulk run ${runId} has no finished sync`);
    return at.getTime();
  });
}

/** The run's syncs that called Cal.com more than once (retries), with what each call got: why a run sent more than it synced. */
export async function runRepeatedCalls(databaseUrl: string, runId: string): Promise<string[]> {
  return withClient(databaseUrl, async (client) => {
    const { rows } = await client.query<{ calls: string }>(
      `SELECT string_agg(coalesce(call ->> 'httpStatus', 'no answer') || coalesce(' ' || (call ->> 'errorMessage'), ''), ', ') AS calls
       FROM bulk_sync_run_items i JOIN sync_attempts a ON a.id = i.attempt_id, jsonb_array_elements(a.attempt_log) call
       WHERE i.run_id = $1 AND jsonb_array_length(a.attempt_log) > 1 GROUP BY a.id`,
      [runId],
    );
    return rows.map((row) => row.calls);
  });
}
