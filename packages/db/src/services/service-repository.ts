import type { SyncStatus } from "@askpro/domain";
import { type ExpressionBuilder, sql } from "kysely";
import { SERVICE_SEARCH_SEPARATOR } from "../entities/service";
import { asReturned, compiledOnce, db, type SlotOf } from "../kysely";
import type { EntityManager } from "../orm";
import { SERVICE_DTO_COLUMNS, type ServiceDto, type ServiceTables, toServiceDto } from "./service-dto";

/**
 * The api's service reads. Plain rows, not entities: building managed entities (identity map, company
 * reference, change tracking) cost most of the api's CPU per listed service, and a read needs none of it.
 */

export interface ServiceListQuery {
  /** null: every company (a platform operator). */
  companyId: string | null;
  status?: SyncStatus | undefined;
  /** Only services whose sent fields were edited since Cal.com last confirmed them ("Changed since last sync"). */
  changed?: boolean | undefined;
  /** Found in name, slug or description, case-insensitively; `%` and `_` literally. */
  search?: string | undefined;
  page: number;
  pageSize: number;
}

export interface ServicePage {
  items: ServiceDto[];
  total: number;
}

/** `%` and `_` typed by the user are searched for literally. */
export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

function parser(em: EntityManager): (value: string) => Date {
  const platform = em.getPlatform();
  return (value) => platform.parseDate(value) as Date;
}

/** The per-call values of the list's statement. */
type ListValues = {
  companyId: string;
  status: SyncStatus;
  pattern: string;
  limit: number;
  offset: number;
};

type Slot = SlotOf<ListValues>;

/** What decides the statement's shape; each shape is compiled once. */
function shapeOf(query: ServiceListQuery) {
  const search = !query.search ? "none" : query.search.includes(SERVICE_SEARCH_SEPARATOR) ? "columns" : "text";
  return { company: query.companyId !== null, status: Boolean(query.status), changed: query.changed === true, search } as const;
}

type ListShape = ReturnType<typeof shapeOf>;

function valuesOf(query: ServiceListQuery): ListValues {
  return {
    companyId: query.companyId ?? "",
    status: query.status ?? "never",
    pattern: `%${escapeLikePattern(query.search ?? "")}%`,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  };
}

/** The conditions on `services as s` for the query's scope and filters. */
function matching(shape: ListShape, slot: Slot) {
  return (eb: ExpressionBuilder<ServiceTables, "s">) => {
    const conditions = [];
    if (shape.company) conditions.push(eb("s.company_id", "=", slot("companyId")));
    if (shape.status) conditions.push(eb("s.sync_status", "=", slot("status")));
    // A linked service being deleted waits for its Cal.com job out of the list (unless asked for by its
    // status); one whose deletion failed is listed again (delete_failed).
    else conditions.push(eb("s.sync_status", "<>", sql.lit("deleting")));
    // Two columns of the same row (sent-digest.ts); a never-confirmed service (null) is not "changed".
    if (shape.changed) conditions.push(eb("s.synced_digest", "<>", eb.ref("s.sent_digest")));
    if (shape.search !== "none") {
      // One LIKE on the trigram-indexed text of the three columns (SERVICE_SEARCH_TEXT_COLUMN).
      conditions.push(eb("s.search_text", "like", sql<string>`lower(${slot("pattern")})`));
      // Only a term containing the separator could match across two columns: then each column is checked too.
      if (shape.search === "columns") {
        const pattern = slot("pattern");
        conditions.push(eb.or([eb("s.name", "ilike", pattern), eb("s.slug", "ilike", pattern), eb("s.description", "ilike", pattern)]));
      }
    }
    return eb.and(conditions);
  };
}

/**
 * One statement for the page and the total: the matches are found once (id and name only), counted,
 * and only the page's rows are read in full.
 */
function listStatement(shape: ListShape) {
  return compiledOnce((kysely, slot: SlotOf<ListValues>) =>
    kysely
      .with(
        (cte) => cte("matches").materialized(),
        (q) => q.selectFrom("services as s").select(["s.id", "s.name"]).where(matching(shape, slot)),
      )
      .selectFrom((q) =>
        q
          .selectFrom("matches")
          .select(["matches.id", "matches.name"])
          .orderBy("matches.name")
          .orderBy("matches.id")
          .limit(slot("limit"))
          .offset(slot("offset"))
          .as("page"),
      )
      .innerJoin("services as s", "s.id", "page.id")
      .innerJoin("companies as c", "c.id", "s.company_id")
      .select(SERVICE_DTO_COLUMNS)
      .select((eb) => eb.selectFrom("matches").select(eb.fn.countAll<string>().as("n")).as("total"))
      .orderBy("page.name")
      .orderBy("page.id")
      .$call(asReturned("calcom_event_type_id")),
  );
}

const listStatements = new Map<string, ReturnType<typeof listStatement>>();

/** One page of services by name, and how many match, in one statement. */
export async function listServices(em: EntityManager, query: ServiceListQuery): Promise<ServicePage> {
  const shape = shapeOf(query);
  const key = `${shape.company} ${shape.status} ${shape.changed} ${shape.search}`;
  let statement = listStatements.get(key);
  if (!statement) {
    statement = listStatement(shape);
    listStatements.set(key, statement);
  }
  const rows = await statement(em, valuesOf(query));
  const parse = parser(em);
  const first = rows[0];
  // A page past the end has no row to carry the total.
  const total = first ? Number(first.total) : query.page === 1 ? 0 : await countMatches(em, query);
  return { items: rows.map((row) => toServiceDto(row, parse)), total };
}

async function countMatches(em: EntityManager, query: ServiceListQuery): Promise<number> {
  const values = valuesOf(query);
  const row = await db(em)
    .selectFrom("services as s")
    .select((eb) => eb.fn.countAll<string>().as("total"))
    .where(matching(shapeOf(query), (name) => values[name]))
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

function serviceStatement(scoped: boolean) {
  return compiledOnce((kysely, slot: SlotOf<{ id: string; companyId: string }>) =>
    kysely
      .selectFrom("services as s")
      .innerJoin("companies as c", "c.id", "s.company_id")
      .select(SERVICE_DTO_COLUMNS)
      .where("s.id", "=", slot("id"))
      .$if(scoped, (q) => q.where("s.company_id", "=", slot("companyId")))
      .$call(asReturned("calcom_event_type_id")),
  );
}

const serviceStatements = { scoped: serviceStatement(true), any: serviceStatement(false) };

/** The service as the api shows it; undefined when it is missing or, with a companyId, another company's. */
export async function findServiceDto(em: EntityManager, id: string, companyId: string | null): Promise<ServiceDto | undefined> {
  const statement = companyId === null ? serviceStatements.any : serviceStatements.scoped;
  const [row] = await statement(em, { id, companyId: companyId ?? "" });
  return row && toServiceDto(row, parser(em));
}

export interface ServiceCount {
  companyId: string;
  companySlug: string;
  companyName: string;
  /** null on the one row of a company without services. */
  syncStatus: SyncStatus | null;
  /** Whether these services have a Cal.com event type. */
  linked: boolean;
  services: number;
}

/** How many services each company has in each sync status, linked or not, by company name; a company without services has one row of 0. */
export async function countServices(em: EntityManager): Promise<ServiceCount[]> {
  const rows = await db(em)
    .selectFrom("companies as c")
    .leftJoin("services as s", "s.company_id", "c.id")
    .select((eb) => [
      "c.id",
      "c.slug",
      "c.name",
      "s.sync_status",
      sql<boolean>`s.calcom_event_type_id IS NOT NULL`.as("linked"),
      eb.fn.count<string>("s.id").as("services"),
    ])
    .groupBy(["c.id", "c.slug", "c.name", "s.sync_status", "linked"])
    .orderBy("c.name")
    .orderBy("c.id")
    .execute();
  return rows.map((row) => ({
    companyId: row.id,
    companySlug: row.slug,
    companyName: row.name,
    syncStatus: row.sync_status,
    linked: row.linked,
    services: Number(row.services),
  }));
}

/** Every service matching the list's filters, across pages (a bulk sync's "Select all that match"). */
export async function listMatchingServiceIds(em: EntityManager, query: Omit<ServiceListQuery, "page" | "pageSize">): Promise<string[]> {
  const full = { ...query, page: 1, pageSize: 1 };
  const values = valuesOf(full);
  // The list's own conditions, with the values in place of the compiled statement's slots.
  const slot = ((name: keyof ListValues) => values[name]) as Slot;
  const rows = await db(em).selectFrom("services as s").select("s.id").where(matching(shapeOf(full), slot)).execute();
  return rows.map((row) => row.id);
}
