import { type EntityManager, findServiceDto, Service, type ServiceDto, UniqueConstraintViolationException } from "@askpro/db";
import { TRPCError } from "@trpc/server";
import type { SignedInUser } from "../../auth/sessions";

/** Company users see their company only; a platform operator (no company) sees every company. */
export function companyScope(user: SignedInUser): { company?: string } {
  return user.company ? { company: user.company.id } : {};
}

/** Another company's service is indistinguishable from a missing one. */
export function serviceNotFound(): TRPCError {
  return new TRPCError({ code: "NOT_FOUND", message: "Service not found." });
}

export async function findScopedService(em: EntityManager, user: SignedInUser, id: string): Promise<Service> {
  const service = await em.findOne(Service, { id, ...companyScope(user) }, { populate: ["company"] });
  if (!service) throw serviceNotFound();
  return service;
}

/**
 * The service as written, read back through the one ServiceDto mapping (the read procedures' too), so
 * what create and update answer cannot drift from what list and byId show. NOT_FOUND when it was deleted
 * in the meantime.
 */
export async function writtenServiceDto(em: EntityManager, id: string): Promise<ServiceDto> {
  const service = await findServiceDto(em, id, null);
  if (!service) throw serviceNotFound();
  return service;
}

/** Flushes, turning the schema's unique constraints into CONFLICT errors a form can show. */
export async function flushServiceChanges(
  em: EntityManager,
  fields: { slug: string; calcomEventTypeId: number | null },
): Promise<void> {
  try {
    await em.flush();
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const constraint = (error as { constraint?: string }).constraint ?? error.message;
    if (constraint.includes("services_company_slug_unique")) {
      throw new TRPCError({ code: "CONFLICT", message: `The slug "${fields.slug}" is already used by another service of this company.` });
    }
    if (constraint.includes("services_calcom_event_type_id_unique")) {
      throw new TRPCError({
        code: "CONFLICT",
        message: `Cal.com event type ${fields.calcomEventTypeId} is already linked to another service.`,
      });
    }
    throw error;
  }
}
