import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrm, type Orm } from "../orm";
import { createTestDatabase, type TestDatabase } from "../testing";

const BEFORE = "Migration20261202090100_sync_attempt_kind";
const THIS = "Migration20261202090300_sync_reason_and_digest";

/** The migration gives existing synced services what Cal.com last confirmed, so none is wrongly in step. */
describe("migration sync_reason_and_digest on existing rows", () => {
  let database: TestDatabase;
  let orm: Orm;
  beforeAll(async () => {
    database = await createTestDatabase();
    orm = await createOrm(database.url);
    await orm.migrator.up({ to: BEFORE });
  });
  afterAll(async () => {
    await orm.close();
    await database.drop();
  });

  const run = (sql: string, params: unknown[] = []) => orm.em.getConnection().execute<Array<Record<string, unknown>>>(sql, params);

  it("takes the last successful sync's body, else the last sync's time, and leaves never-synced services unset", async () => {
    const [company = {}] = await run(`insert into companies (id, name, slug, created_at, updated_at) values (gen_random_uuid(), 'Alt', 'alt', now(), now()) returning id`);
    const service = async (slug: string, status: string, eventTypeId: number | null, lastSynced: string | null, updated: string) => {
      const [row] = await run(
        `insert into services (id, company_id, name, slug, description, duration_minutes, calcom_event_type_id, sync_status, last_synced_at, created_at, updated_at)
         values (gen_random_uuid(), ?, ?, ?, '', 30, ?, ?, ?, now(), ?) returning id`,
        [company.id, slug, slug, eventTypeId, status, lastSynced, updated],
      );
      return row?.id as string;
    };
    const body = (slug: string, lengthInMinutes: number) => ({
      title: slug,
      slug,
      description: "",
      lengthInMinutes,
      beforeEventBuffer: 0,
      afterEventBuffer: 0,
      minimumBookingNotice: 0,
      hidden: false,
      confirmationPolicy: { disabled: true },
      disableGuests: false,
    });
    const attempt = (serviceId: string, outcome: string, payload: object, finished: string) =>
      run(`insert into sync_attempts (id, service_id, requested_at, finished_at, outcome, payload) values (gen_random_uuid(), ?, ?, ?, ?, ?::jsonb)`, [
        serviceId,
        finished,
        finished,
        outcome,
        JSON.stringify(payload),
      ]);

    const inStep = await service("in-step", "synced", 1, "2026-11-01T10:00:00Z", "2026-11-02T10:00:00Z");
    await attempt(inStep, "succeeded", body("in-step", 30), "2026-11-01T10:00:00Z");
    const editedSince = await service("edited-since", "synced", 2, "2026-11-01T10:00:00Z", "2026-11-02T10:00:00Z");
    await attempt(editedSince, "succeeded", body("edited-since", 20), "2026-11-01T09:00:00Z");
    // A later failed sync sent 30, but Cal.com last confirmed 20.
    await attempt(editedSince, "failed", body("edited-since", 30), "2026-11-01T11:00:00Z");
    const seededInStep = await service("seeded-in-step", "synced", 3, "2026-11-02T10:00:00Z", "2026-11-01T10:00:00Z");
    const seededEdited = await service("seeded-edited", "synced", 4, "2026-11-01T10:00:00Z", "2026-11-02T10:00:00Z");
    const never = await service("never", "never", 5, null, "2026-11-01T10:00:00Z");

    await orm.migrator.up({ to: THIS });

    const rows = await run(`select id, synced_digest is not null as confirmed, synced_digest is distinct from sent_digest as differs from services`);
    const state = (id: string) => rows.find((row) => row.id === id);
    expect(state(inStep)).toMatchObject({ confirmed: true, differs: false });
    expect(state(editedSince)).toMatchObject({ confirmed: true, differs: true });
    expect(state(seededInStep)).toMatchObject({ confirmed: true, differs: false });
    expect(state(seededEdited)).toMatchObject({ confirmed: true, differs: true });
    expect(state(never)).toMatchObject({ confirmed: false });
  });
});
