import { calcomBudgetKeyId } from "@askpro/calcom";
import { type CalcomBudgetUsage, companiesWithCalcomKeys, currentCalcomBudgets, resolveCalcomApiKey, SecretDecryptionError } from "@askpro/db";
import type { AuthedContext } from "../../trpc";

/**
 * A company's share of the Cal.com rate budget as the operations page shows it. The key and its hash
 * stay here: the browser learns only whether the key is the shared global one and the window's counts.
 */
export interface CompanyRateBudget {
  /** The company's requests go with CALCOM_API_KEY: every company without its own key spends this budget. */
  sharedKey: boolean;
  /** False when no key reaches Cal.com (none set, or the stored one cannot be decrypted). */
  hasKey: boolean;
  /** The key's current window; null when the key has no budget yet or its window has ended ("not used yet"). */
  window: CalcomBudgetUsage | null;
}

/** Each company's effective key (its own, else the global one, as its syncs resolve it) and that key's current window. */
export async function companyRateBudgets(ctx: AuthedContext, companyIds: readonly string[]): Promise<Map<string, CompanyRateBudget>> {
  const companies = await companiesWithCalcomKeys(ctx.em, companyIds);
  const keyHashOf = new Map<string, { sharedKey: boolean; keyHash: string | null }>();
  for (const company of companies) {
    try {
      const resolved = resolveCalcomApiKey(company, { appSecret: ctx.env.APP_SECRET, fallbackKey: ctx.env.CALCOM_API_KEY });
      keyHashOf.set(company.id, {
        sharedKey: resolved.source === "global",
        keyHash: resolved.apiKey === undefined ? null : calcomBudgetKeyId(resolved.apiKey, ctx.env.CALCOM_API_URL),
      });
    } catch (error) {
      if (!(error instanceof SecretDecryptionError)) throw error;
      // The page still loads; the company's syncs report the unreadable key themselves.
      keyHashOf.set(company.id, { sharedKey: false, keyHash: null });
    }
  }
  const hashes = [...keyHashOf.values()].flatMap(({ keyHash }) => (keyHash === null ? [] : [keyHash]));
  const windows = await currentCalcomBudgets(ctx.em, hashes);
  return new Map(
    [...keyHashOf].map(([companyId, { sharedKey, keyHash }]) => [companyId, { sharedKey, hasKey: keyHash !== null, window: keyHash === null ? null : (windows.get(keyHash) ?? null) }]),
  );
}
