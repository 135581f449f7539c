import type { CalcomEventType } from "@askpro/calcom";
import { type Company, insertImportedService, recordServiceImported, Service } from "@askpro/db";
import { invalidTakenFields, mapServiceToEventTypeUpdate, serviceInputFromEventType, unappliedFields } from "@askpro/domain";
import { TRPCError } from "@trpc/server";
import { describeCalcomPath, listCompanyEventTypes } from "../../calcom/company-event-types";
import type { AuthedContext } from "../../trpc";
import { findScopedCompany } from "../company/scope";
import type { ImportEventTypesInput } from "./importEventTypes.schema";
import { isEventTypeUniqueViolation } from "./link-errors";

/** Why one event type was not imported; the SPA words each in the reader's language. */
export type ImportProblem = "slug_taken" | "already_linked" | "invalid_values" | "not_in_step";

export type ImportRowResult = { eventTypeId: number; title: string } & (
  | { imported: true; serviceId: string }
  | {
      imported: false;
      problem: ImportProblem;
      /** In English, for the log and as a fallback. */
      reason: string;
      /** slug_taken: the slug; already_linked: the company's service holding it (null: another company's). */
      slug?: string;
      linkedTo?: string | null;
      /** invalid_values: the service fields Cal.com's values do not fit; not_in_step: the Cal.com fields a service cannot hold. */
      fields?: string[];
    }
);

export interface ImportResult {
  imported: number;
  results: ImportRowResult[];
}

function isSlugUniqueViolation(error: unknown): boolean {
  const { code, constraint } = (error ?? {}) as { code?: unknown; constraint?: unknown };
  return code === "23505" && constraint === "services_company_slug_unique";
}

/**
 * "Import from Cal.com": one new service per chosen event type, linked and synced. The event types are
 * read again here with the company's key on its own path (one list call): the browser sends ids only,
 * and an id that is not the company's refuses the whole import before anything is written. Each event
 * type is then imported on its own, atomically (the service and its history row in one statement), and
 * answered per row: a slug clash or an event type linked meanwhile fails that row only, so one clash
 * does not hold back the others, and no service is ever half imported.
 */
export async function importEventTypesHandler({ ctx, input }: { ctx: AuthedContext; input: ImportEventTypesInput }): Promise<ImportResult> {
  const company = await findScopedCompany(ctx, input.companyId);
  const eventTypes = new Map((await listCompanyEventTypes(ctx, company)).map((eventType) => [eventType.id, eventType]));
  const foreign = input.eventTypeIds.filter((id) => !eventTypes.has(id));
  if (foreign.length > 0) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `Cal.com event type ${foreign.join(", ")} ${foreign.length === 1 ? "is" : "are"} not one of this company's event types (not found for ${describeCalcomPath(company)}). Nothing was imported.`,
    });
  }
  const results: ImportRowResult[] = [];
  for (const id of input.eventTypeIds) results.push(await importOne(ctx, company, eventTypes.get(id) as CalcomEventType));
  const imported = results.filter((row) => row.imported).length;
  ctx.logger.info(
    { event: "event-types-imported", companyId: company.id, userId: ctx.user.id, imported, failed: results.length - imported },
    "Event types imported from Cal.com",
  );
  return { imported, results };
}

async function linkedTo(ctx: AuthedContext, company: Company, eventTypeId: number): Promise<ImportRowResult | undefined> {
  const holder = await ctx.em.fork().findOne(Service, { calcomEventTypeId: eventTypeId }, { fields: ["name", "company"] });
  if (!holder) return undefined;
  const ours = holder.company.id === company.id;
  return {
    eventTypeId,
    title: "",
    imported: false,
    problem: "already_linked",
    linkedTo: ours ? holder.name : null,
    reason: `Already linked to ${ours ? `“${holder.name}”` : "a service of another company"}.`,
  };
}

async function importOne(ctx: AuthedContext, company: Company, eventType: CalcomEventType): Promise<ImportRowResult> {
  const row = { eventTypeId: eventType.id, title: eventType.title };
  const taken = await linkedTo(ctx, company, eventType.id);
  if (taken) return { ...taken, ...row };

  const fields = serviceInputFromEventType(eventType, eventType.id);
  const invalid = invalidTakenFields(fields);
  if (invalid.length > 0) {
    const reason = `Cal.com's values do not fit a service: ${invalid.map((field) => `${field.message} (Cal.com has ${JSON.stringify(field.value)})`).join("; ")}.`;
    return { ...row, imported: false, problem: "invalid_values", fields: invalid.map((field) => field.field), reason };
  }
  const sent = mapServiceToEventTypeUpdate(fields);
  // Synced means a sync would change nothing; a setting a service cannot express would be overwritten.
  const unheld = unappliedFields(sent, eventType);
  if (unheld.length > 0) {
    const names = unheld.map((field) => field.field);
    return { ...row, imported: false, problem: "not_in_step", fields: names, reason: `A service cannot hold Cal.com's ${names.join(", ")} as it is.` };
  }

  try {
    // The service, its history row and its edit history row (every field from none) in one transaction.
    const serviceId = await ctx.em.transactional(async (tx) => {
      const id = await insertImportedService(tx, {
        companyId: company.id,
        eventTypeId: eventType.id,
        fields,
        importedById: ctx.user.id,
        at: new Date(),
        payload: { ...sent, price: fields.priceCents, currency: fields.currency },
      });
      recordServiceImported(tx, id, { ...fields, calcomEventTypeId: eventType.id }, ctx.user.id);
      return id;
    });
    return { ...row, imported: true, serviceId };
  } catch (error) {
    if (isSlugUniqueViolation(error)) {
      return { ...row, imported: false, problem: "slug_taken", slug: fields.slug, reason: `The slug "${fields.slug}" is already used by another service of this company.` };
    }
    // Linked by someone else between the check above and the insert.
    if (isEventTypeUniqueViolation(error)) return { ...((await linkedTo(ctx, company, eventType.id)) ?? { reason: "Already linked.", problem: "already_linked", imported: false }), ...row };
    throw error;
  }
}
