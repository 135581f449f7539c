import { Service } from "@askpro/db";
import { describeCalcomPath, listCompanyEventTypes } from "../../calcom/company-event-types";
import type { AuthedContext } from "../../trpc";
import type { LinkableEventTypesInput } from "./linkableEventTypes.schema";
import { findScopedService } from "./scope";

/** One row of the link picker. */
export interface LinkableEventType {
  id: number;
  title: string;
  slug: string;
  lengthInMinutes: number;
  hidden: boolean;
  /** The service of this company linked to it; it cannot be linked to a second one. */
  linkedService: { id: string; name: string } | null;
  /** Linked to a service of another company (sharing the team or key); no name, it is not ours to show. */
  linkedElsewhere: boolean;
}

export interface LinkableEventTypes {
  /** Where they were read: "Cal.com team 39203", or the key's user. */
  source: string;
  eventTypes: LinkableEventType[];
}

export async function linkableEventTypesHandler({ ctx, input }: { ctx: AuthedContext; input: LinkableEventTypesInput }): Promise<LinkableEventTypes> {
  const service = await findScopedService(ctx.em, ctx.user, input.id);
  const company = service.company;
  const eventTypes = await listCompanyEventTypes(ctx, company);
  const ids = eventTypes.map((eventType) => eventType.id);
  const linked = ids.length === 0 ? [] : await ctx.em.find(Service, { calcomEventTypeId: { $in: ids } }, { fields: ["id", "name", "company", "calcomEventTypeId"] });
  const byEventType = new Map(linked.map((holder) => [holder.calcomEventTypeId, holder]));
  return {
    source: describeCalcomPath(company),
    eventTypes: eventTypes.map((eventType) => {
      const holder = byEventType.get(eventType.id);
      const ours = holder !== undefined && holder.company.id === company.id;
      return {
        id: eventType.id,
        title: eventType.title,
        slug: eventType.slug,
        lengthInMinutes: eventType.lengthInMinutes,
        hidden: eventType.hidden === true,
        linkedService: ours ? { id: holder.id, name: holder.name } : null,
        linkedElsewhere: holder !== undefined && !ours,
      };
    }),
  };
}
