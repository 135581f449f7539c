import { Service } from "@askpro/db";
import { describeCalcomPath, listCompanyEventTypes } from "../../calcom/company-event-types";
import type { AuthedContext } from "../../trpc";
import { findScopedCompany } from "../company/scope";
import type { ImportableEventTypesInput } from "./importableEventTypes.schema";

/** One row of "Import from Cal.com": an event type of the company that no service links yet. */
export interface ImportableEventType {
  id: number;
  title: string;
  slug: string;
  lengthInMinutes: number;
  hidden: boolean;
  /** A service of the company already uses the slug, so importing it would clash: the name of that service. */
  slugUsedBy: string | null;
}

export interface ImportableEventTypes {
  /** Where they were read: "Cal.com team 39203", or the key's user (English; the SPA words teamId itself). */
  source: string;
  /** The company's Cal.com team they were read from; null: the key's user's own event types. */
  teamId: number | null;
  eventTypes: ImportableEventType[];
}

/** The company's event types (one list call with its key, on its path) that no service of any company links. */
export async function importableEventTypesHandler({ ctx, input }: { ctx: AuthedContext; input: ImportableEventTypesInput }): Promise<ImportableEventTypes> {
  const company = await findScopedCompany(ctx, input.companyId);
  const eventTypes = await listCompanyEventTypes(ctx, company);
  const ids = eventTypes.map((eventType) => eventType.id);
  const linked = ids.length === 0 ? [] : await ctx.em.find(Service, { calcomEventTypeId: { $in: ids } }, { fields: ["calcomEventTypeId"] });
  const linkedIds = new Set(linked.map((service) => service.calcomEventTypeId));
  const free = eventTypes.filter((eventType) => !linkedIds.has(eventType.id));
  const slugs = free.map((eventType) => eventType.slug);
  const holders = slugs.length === 0 ? [] : await ctx.em.find(Service, { company: company.id, slug: { $in: slugs } }, { fields: ["slug", "name"] });
  const bySlug = new Map(holders.map((service) => [service.slug, service.name]));
  return {
    source: describeCalcomPath(company),
    teamId: company.calcomTeamId ?? null,
    eventTypes: free.map((eventType) => ({
      id: eventType.id,
      title: eventType.title,
      slug: eventType.slug,
      lengthInMinutes: eventType.lengthInMinutes,
      hidden: eventType.hidden === true,
      slugUsedBy: bySlug.get(eventType.slug) ?? null,
    })),
  };
}
