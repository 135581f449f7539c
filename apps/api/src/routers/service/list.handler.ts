import { type FilterQuery, raw, SERVICE_SEARCH_SEPARATOR, Service, serviceSearchText } from "@askpro/db";
import type { AuthedContext } from "../../trpc";
import type { ListInput } from "./list.schema";
import { companyScope } from "./scope";
import { type ServiceDto, toServiceDto } from "./service.dto";

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

export async function listHandler({ ctx, input }: { ctx: AuthedContext; input: ListInput }): Promise<ServiceList> {
  const where: FilterQuery<Service> = { ...companyScope(ctx.user) };
  if (input.status) where.syncStatus = input.status;
  if (input.search) {
    const pattern = `%${escapeLikePattern(input.search)}%`;
    // One LIKE on the expression the trigram index is built on, instead of three ILIKEs on every row.
    where.$and = [{ [raw((alias: string) => `${serviceSearchText(alias)} like lower(?)`, [pattern])]: [] }];
    // Only a term containing the separator could match across two columns: then each column is checked too.
    if (input.search.includes(SERVICE_SEARCH_SEPARATOR)) {
      where.$or = [{ name: { $ilike: pattern } }, { slug: { $ilike: pattern } }, { description: { $ilike: pattern } }];
    }
  }
  const [services, total] = await ctx.em.findAndCount(Service, where, {
    populate: ["company"],
    orderBy: { name: "asc", id: "asc" },
    limit: input.pageSize,
    offset: (input.page - 1) * input.pageSize,
  });
  return { items: services.map(toServiceDto), total, page: input.page, pageSize: input.pageSize };
}
