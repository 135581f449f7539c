import { listServices, type ServiceDto } from "@askpro/db";
import type { AuthedContext } from "../../trpc";
import type { ListInput } from "./list.schema";

export interface ServiceList {
  items: ServiceDto[];
  total: number;
  page: number;
  pageSize: number;
}

export async function listHandler({ ctx, input }: { ctx: AuthedContext; input: ListInput }): Promise<ServiceList> {
  // Company users see their company only; a platform operator (no company) sees every company.
  const { items, total } = await listServices(ctx.em, { ...input, companyId: ctx.user.company?.id ?? null });
  return { items, total, page: input.page, pageSize: input.pageSize };
}
