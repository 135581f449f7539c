import { CalcomError, type CalcomEventType, describeCalcomFailure } from "@askpro/calcom";
import type { Company } from "@askpro/db";
import { TRPCError } from "@trpc/server";
import type { AuthedContext } from "../trpc";
import { companyCalcomSettings } from "./company-settings";
import { clientFor, NO_API_KEY_REASON } from "./read-event-type";

/** Where the company's event types live in Cal.com: its team's path, else the key's user's. */
export function companyScopeInCalcom(company: Company): { teamId?: number } {
  return company.calcomTeamId === null || company.calcomTeamId === undefined ? {} : { teamId: company.calcomTeamId };
}

export function describeCalcomPath(company: Company): string {
  return company.calcomTeamId ? `Cal.com team ${company.calcomTeamId}` : "the Cal.com user of the company's API key";
}

async function companyClient(ctx: AuthedContext, company: Company) {
  const settings = await companyCalcomSettings(ctx, company);
  if (!settings.apiKey) throw new TRPCError({ code: "PRECONDITION_FAILED", message: settings.unusableKeyReason ?? NO_API_KEY_REASON });
  return clientFor(settings.apiUrl, settings.apiKey, settings.rateBudget);
}

/** A failure of Cal.com itself (not of the id asked for): retrying later may help. */
function unavailable(error: CalcomError, eventTypeId: number): TRPCError {
  if (error.kind === "unauthorized") return new TRPCError({ code: "PRECONDITION_FAILED", message: describeCalcomFailure(error, eventTypeId) });
  return new TRPCError({ code: "SERVICE_UNAVAILABLE", message: `${describeCalcomFailure(error, eventTypeId)}. Nothing was changed; try again.` });
}

/** The company's event types, read from its own Cal.com path with its key (one list call). */
export async function listCompanyEventTypes(ctx: AuthedContext, company: Company): Promise<CalcomEventType[]> {
  const client = await companyClient(ctx, company);
  try {
    return await client.listEventTypes(companyScopeInCalcom(company));
  } catch (error) {
    if (!(error instanceof CalcomError)) throw error;
    throw unavailable(error, 0);
  }
}

/**
 * The ownership check of a link: the event type must be readable with the company's key on the
 * company's own path (its team's, else the key's user's). Cal.com answers 404 there for an id that
 * does not exist and for one another team or user owns, so both are refused alike, with a reason.
 */
export async function readOwnedEventType(ctx: AuthedContext, company: Company, eventTypeId: number): Promise<CalcomEventType> {
  const client = await companyClient(ctx, company);
  const scope = companyScopeInCalcom(company);
  let eventType: CalcomEventType;
  try {
    eventType = await client.getEventType(eventTypeId, scope);
  } catch (error) {
    if (!(error instanceof CalcomError)) throw error;
    if (error.kind === "not_found" || error.kind === "forbidden") throw notOwned(company, eventTypeId);
    throw unavailable(error, eventTypeId);
  }
  // Cal.com answers only what the path owns; this also holds if an answer ever says otherwise.
  const teamId = "teamId" in eventType ? eventType.teamId : undefined;
  if (eventType.id !== eventTypeId || (scope.teamId !== undefined && teamId !== scope.teamId)) throw notOwned(company, eventTypeId);
  return eventType;
}

function notOwned(company: Company, eventTypeId: number): TRPCError {
  return new TRPCError({
    code: "BAD_REQUEST",
    message: `Cal.com event type ${eventTypeId} is not one of this company's event types (not found for ${describeCalcomPath(company)}). Nothing was linked.`,
  });
}
