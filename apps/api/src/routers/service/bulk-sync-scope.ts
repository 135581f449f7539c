import { DEFAULT_PACER_OPTIONS, calcomBudgetKeyId } from "@askpro/calcom";
import { Company, readCalcomKeyRate } from "@askpro/db";
import type { BulkSelection } from "@askpro/sync";
import { TRPCError } from "@trpc/server";
import { companyCalcomSettings } from "../../calcom/company-settings";
import type { AuthedContext } from "../../trpc";
import type { BulkSelectionInput } from "./bulkSyncPreview.schema";

/** A bulk sync works on one company's services: the caller's. A platform operator has none to pick from the list. */
export function bulkCompanyId(ctx: AuthedContext): string {
  const companyId = ctx.user.company?.id;
  if (!companyId) throw new TRPCError({ code: "BAD_REQUEST", message: "Bulk sync works on one company's services: sign in as an admin of the company." });
  return companyId;
}

export function bulkSelection(input: BulkSelectionInput): BulkSelection {
  if (input.ids) return { ids: input.ids };
  if (input.filter) return { filter: { ...input.filter, search: input.filter.search || undefined } };
  return { changedOnly: true };
}

export interface KeyRate {
  limit: number;
  windowMs: number;
  /** False: Cal.com's headers were not read yet for this key, and its documented rate (120 a minute) is assumed. */
  fromHeaders: boolean;
}

/** The rate of the key the company's syncs use, as the shared budget last read it from Cal.com's headers. */
export async function companyKeyRate(ctx: AuthedContext, companyId: string): Promise<KeyRate> {
  const fallback = { limit: DEFAULT_PACER_OPTIONS.limit, windowMs: DEFAULT_PACER_OPTIONS.windowMs, fromHeaders: false };
  const company = await ctx.em.findOne(Company, { id: companyId });
  if (!company) return fallback;
  const settings = await companyCalcomSettings(ctx, company);
  if (!settings.apiKey) return fallback;
  const rate = await readCalcomKeyRate(ctx.em, calcomBudgetKeyId(settings.apiKey, settings.apiUrl));
  return rate ? { ...rate, fromHeaders: true } : fallback;
}
