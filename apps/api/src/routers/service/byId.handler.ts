import type { AuthedContext } from "../../trpc";
import type { ByIdInput } from "./byId.schema";
import { serviceNotFound } from "./scope";
import type { ServiceDto } from "./service.dto";
import { SERVICE_ROW_COLUMNS, type ServiceRow, serviceRowMapper } from "./service.row";

export async function byIdHandler({ ctx, input }: { ctx: AuthedContext; input: ByIdInput }): Promise<ServiceDto> {
  const company = ctx.user.company;
  // Scoped like findScopedService: a company user finds their company's services only.
  const [row] = await ctx.em.execute<ServiceRow[]>(
    `select ${SERVICE_ROW_COLUMNS} from services as s join companies as c on c.id = s.company_id
     where s.id = ?${company ? " and s.company_id = ?" : ""}`,
    company ? [input.id, company.id] : [input.id],
  );
  if (!row) throw serviceNotFound();
  return serviceRowMapper(ctx.em)(row);
}
