import { loadFixture, type SandboxFixture } from "@askpro/calcom/sandbox";

/** The demo company the catalogue is added to; its admin signs in for the api benchmarks. */
export const CATALOGUE_COMPANY_SLUG = "askproai";
export const CATALOGUE_TEAM = 39203;
export const ADMIN_EMAIL = "admin@askpro.test";
export const CATALOGUE_SIZE = 10_000;
/** Event type ids of the catalogue: FIRST_EVENT_TYPE_ID + 1 ... + CATALOGUE_SIZE. */
export const FIRST_EVENT_TYPE_ID = 70_000_000;

const AREAS = ["Steuer", "Rechts", "Finanz", "Gesundheits", "Ernährungs", "Karriere", "Energie", "Immobilien", "Versicherungs", "Marketing"];
const TOPICS = ["beratung", "termin", "sprechstunde", "check", "coaching", "analyse", "workshop", "gespräch"];

/** The list benchmark's query: one service in eight matches the term, seven in ten of those are synced. */
export const LIST_QUERY = { search: "beratung", status: "synced", page: 1, pageSize: 50 } as const;

/**
 * Adds CATALOGUE_SIZE services to the demo company in one statement. Names come from word lists so
 * that a search term matches a realistic share; statuses are 70% synced, 15% never, 15% error, and
 * none pending (a pending service without a job would be picked up by the worker's reconciler).
 * Every service is linked to an event type of catalogueFixture().
 */
export function catalogueInsertSql(): string {
  const list = (words: string[]) => `ARRAY[${words.map((word) => `'${word}'`).join(",")}]`;
  return `
    INSERT INTO services (id, company_id, name, slug, description, duration_minutes, buffer_before_minutes, buffer_after_minutes,
      minimum_booking_notice_minutes, price_cents, currency, is_active, requires_confirmation, disable_guests,
      calcom_event_type_id, sync_status, sync_error, last_synced_at, version, created_at, updated_at)
    SELECT gen_random_uuid(), c.id,
      n.name, 'bench-' || g, 'Benchmark service ' || g || ': ' || n.name || ' für Bestandskunden und neue Anfragen.',
      15 + (g % 4) * 15, g % 3 * 5, g % 4 * 5, 60 + g % 5 * 60, (g % 20) * 500, 'EUR', true, g % 7 = 0, g % 5 = 0,
      ${FIRST_EVENT_TYPE_ID} + g,
      CASE WHEN g % 20 < 14 THEN 'synced' WHEN g % 20 < 17 THEN 'never' ELSE 'error' END,
      CASE WHEN g % 20 >= 17 THEN 'Cal.com answered 503 Service Unavailable' END,
      CASE WHEN g % 20 < 14 THEN now() - (g || ' minutes')::interval END,
      1, now(), now()
    FROM companies c, generate_series(1, ${CATALOGUE_SIZE}) AS g,
      LATERAL (SELECT (${list(AREAS)})[1 + g % ${AREAS.length}] || (${list(TOPICS)})[1 + (g / ${AREAS.length}) % ${TOPICS.length}]
        || ' ' || lpad(g::text, 5, '0') AS name) AS n
    WHERE c.slug = '${CATALOGUE_COMPANY_SLUG}'`;
}

/** The sandbox's demo fixture plus one team event type per catalogue service. */
export function catalogueFixture(): SandboxFixture {
  const fixture = loadFixture();
  for (let g = 1; g <= CATALOGUE_SIZE; g++) {
    fixture.eventTypes.push({ id: FIRST_EVENT_TYPE_ID + g, teamId: CATALOGUE_TEAM, title: `Bench ${g}`, slug: `bench-${g}`, lengthInMinutes: 30 });
  }
  return fixture;
}
