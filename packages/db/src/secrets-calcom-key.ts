import { wrap } from "@mikro-orm/core";
import type { Company } from "./entities";
import { decryptSecret } from "./secrets";

/** Which key reaches a company's event types: its own, the global CALCOM_API_KEY, or none at all. */
export type CalcomKeySource = "company" | "global" | "none";

export type ResolvedCalcomApiKey = { source: "company" | "global"; apiKey: string } | { source: "none"; apiKey: undefined };

export interface ResolveCalcomApiKeyOptions {
  appSecret: string;
  /** The global CALCOM_API_KEY; undefined when it is not configured. */
  fallbackKey: string | undefined;
}

/** What the resolver reads of a company: the lazy column must be loaded (null when no key is set). */
export interface CompanyCalcomKey {
  calcomApiKeyEncrypted?: string | null | undefined;
}

/**
 * The one place that decides which Cal.com key a company's requests use (worker sync, api preview,
 * verify): the company's own key when one is set, else the global one. A stored key that cannot be
 * decrypted throws SecretDecryptionError instead of quietly using the global key.
 */
export function resolveCalcomApiKey(company: CompanyCalcomKey, { appSecret, fallbackKey }: ResolveCalcomApiKeyOptions): ResolvedCalcomApiKey {
  const stored = company.calcomApiKeyEncrypted;
  // Unloaded (the column is lazy) would otherwise read as "no key" and send the global key instead.
  if (stored === undefined) {
    throw new Error("Company.calcomApiKeyEncrypted is not loaded: populate it before resolving the company's Cal.com key");
  }
  if (stored !== null) return { source: "company", apiKey: decryptSecret(stored, appSecret) };
  if (fallbackKey) return { source: "global", apiKey: fallbackKey };
  return { source: "none", apiKey: undefined };
}

/** resolveCalcomApiKey for a managed Company, loading its lazy key column first when it is not loaded yet. */
export async function resolveCompanyCalcomApiKey(company: Company, options: ResolveCalcomApiKeyOptions): Promise<ResolvedCalcomApiKey> {
  if (company.calcomApiKeyEncrypted === undefined) await wrap(company).populate(["calcomApiKeyEncrypted"]);
  return resolveCalcomApiKey(company, options);
}

/** The part of a key an admin may see again, to recognise which one is stored. */
export function lastFourOf(apiKey: string): string {
  return apiKey.slice(-4);
}
