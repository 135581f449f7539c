import { type CalcomKeySource, type Company, decryptSecret, lastFourOf, SecretDecryptionError } from "@askpro/db";
import type { AuthedContext } from "../../../trpc";

/** What an admin may know about the Cal.com key: never the key itself. */
export interface CalcomKeyStatus {
  /** The company has its own key. */
  configured: boolean;
  /** Its last four characters, to recognise it; null without one, or when it cannot be decrypted. */
  last4: string | null;
  /** The key the company's syncs use. */
  source: CalcomKeySource;
}

export function calcomKeyStatus(ctx: AuthedContext, company: Company): CalcomKeyStatus {
  const stored = company.calcomApiKeyEncrypted ?? null;
  if (stored === null) return { configured: false, last4: null, source: ctx.env.CALCOM_API_KEY ? "global" : "none" };
  try {
    return { configured: true, last4: lastFourOf(decryptSecret(stored, ctx.env.APP_SECRET)), source: "company" };
  } catch (error) {
    if (!(error instanceof SecretDecryptionError)) throw error;
    ctx.logger.warn({ event: "calcom-key-unreadable", companyId: company.id, reason: error.message }, "The company's Cal.com key cannot be decrypted");
    return { configured: true, last4: null, source: "company" };
  }
}
