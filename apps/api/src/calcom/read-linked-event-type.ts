import { CalcomError, type CalcomEventType, describeCalcomFailure } from "@askpro/calcom";
import type { Company } from "@askpro/db";
import { TRPCError } from "@trpc/server";
import type { AuthedContext } from "../trpc";
import { companyScopeInCalcom, describeCalcomPath } from "./company-event-types";
import { companyCalcomSettings } from "./company-settings";
import { clientFor, NO_API_KEY_REASON } from "./read-event-type";

/**
 * The event type a service is linked to, read with the company's key on the company's own path, for
 * "Take Cal.com's values". Unlike the confirm dialog's read it fails when Cal.com cannot be read: there
 * is nothing to take then. Every failure says that nothing was changed.
 */
export async function readLinkedEventType(ctx: AuthedContext, company: Company, eventTypeId: number): Promise<CalcomEventType> {
  const settings = await companyCalcomSettings(ctx, company);
  if (!settings.apiKey) {
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: `${settings.unusableKeyReason ?? NO_API_KEY_REASON}. Nothing was changed.` });
  }
  try {
    return await clientFor(settings.apiUrl, settings.apiKey, settings.rateBudget).getEventType(eventTypeId, companyScopeInCalcom(company));
  } catch (error) {
    if (!(error instanceof CalcomError)) throw error;
    if (error.kind === "not_found" || error.kind === "forbidden") {
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `Cal.com event type ${eventTypeId} was not found for ${describeCalcomPath(company)} (deleted in Cal.com?). Nothing was changed.`,
      });
    }
    if (error.kind === "unauthorized") throw new TRPCError({ code: "PRECONDITION_FAILED", message: `${describeCalcomFailure(error, eventTypeId)}. Nothing was changed.` });
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: `${describeCalcomFailure(error, eventTypeId)}. Nothing was changed; try again.` });
  }
}
