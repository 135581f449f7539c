import { SERVICE_SEARCH_SEPARATOR, SERVICE_SEARCH_TEXT_COLUMN } from "@askpro/db";
import type { AuthedContext } from "../../trpc";
import type { ListInput } from "./list.schema";
import type { ServiceDto } from "./service.dto";
import { SERVICE_ROW_COLUMNS, type ServiceRow, serviceRowMapper } from "./service.row";

export interface ServiceList {
  items: ServiceDto[];
  total: number;
  page: number;
  pageSize: number;
}

/** `%` and `_` typed by the user are searched for literally. */
export function escapeLikePattern(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** The WHERE clause of `services as s` for the user's scope and the list's filters, with its parameters. */
function filters(ctx: AuthedContext, input: ListInput): { where: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  // Company users see their company only; a platform operator (no company) sees every company.
  if (ctx.user.company) {
    conditions.push("s.company_id = ?");
    params.push(ctx.user.company.id);
  }
  if (input.status) {
    conditions.push("s.sync_status = ?");
    params.push(input.status);
  }
  if (input.search) {
    const pattern = `%${escapeLikePattern(input.search)}%`;
    // One LIKE on the trigram-indexed text of the three columns.
    conditions.push(`s.${SERVICE_SEARCH_TEXT_COLUMN} like lower(?)`);
    params.push(pattern);
    // Only a term containing the separator could match across two columns: then each column is checked too.
    if (input.search.includes(SERVICE_SEARCH_SEPARATOR)) {
      conditions.push("(s.name ilike ? or s.slug ilike ? or s.description ilike ?)");
      params.push(pattern, pattern, pattern);
    }
  }
  return { where: conditions.length ? conditions.join(" and ") : "true", params };
}

export async function listHandler({ ctx, input }: { ctx: AuthedContext; input: ListInput }): Promise<ServiceList> {
  const { where, params } = filters(ctx, input);
  // One statement for the page and the total: the matches are found once (id and name only), counted,
  // and only the page's 50 rows are read in full.
  const rows = await ctx.em.execute<(ServiceRow & { total: string })[]>(
    `with matches as materialized (select s.id, s.name from services as s where ${where})
     select ${SERVICE_ROW_COLUMNS}, (select count(*) from matches) as total
     from (select id, name from matches order by name, id limit ? offset ?) as page
     join services as s on s.id = page.id
     join companies as c on c.id = s.company_id
     order by page.name, page.id`,
    [...params, input.pageSize, (input.page - 1) * input.pageSize],
  );
  const total = rows[0] ? Number(rows[0].total) : input.page === 1 ? 0 : await countMatches(ctx, where, params);
  return { items: rows.map(serviceRowMapper(ctx.em)), total, page: input.page, pageSize: input.pageSize };
}

/** A page past the end has no row to carry the total. */
async function countMatches(ctx: AuthedContext, where: string, params: unknown[]): Promise<number> {
  const [row] = await ctx.em.execute<{ total: string }[]>(`select count(*) as total from services as s where ${where}`, params);
  return Number(row?.total ?? 0);
}
