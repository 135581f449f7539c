import { type Company, resolveCompanyCalcomApiKey, SecretDecryptionError } from "@askpro/db";
import type { AuthedContext } from "../trpc";
import type { CalcomSettings } from "./read-event-type";

/** The Cal.com key the company's syncs use (its own, else CALCOM_API_KEY), resolved as the worker does. */
export async function companyCalcomSettings(ctx: AuthedContext, company: Company): Promise<CalcomSettings> {
  const apiUrl = ctx.env.CALCOM_API_URL;
  try {
    const { apiKey } = await resolveCompanyCalcomApiKey(company, { appSecret: ctx.env.APP_SECRET, fallbackKey: ctx.env.CALCOM_API_KEY });
    return { apiUrl, apiKey, rateBudget: ctx.calcomBudget };
  } catch (error) {
    if (!(error instanceof SecretDecryptionError)) throw error;
    ctx.logger.warn({ event: "calcom-key-unreadable", companyId: company.id, reason: error.message }, "The company's Cal.com key cannot be decrypted");
    return { apiUrl, apiKey: undefined, rateBudget: ctx.calcomBudget, unusableKeyReason: "The company's Cal.com API key cannot be decrypted (APP_SECRET changed?): set it again" };
  }
}
