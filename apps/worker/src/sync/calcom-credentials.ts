import type { Company } from "@askpro/db";

/** How the worker is configured to reach Cal.com (CALCOM_API_URL, CALCOM_API_KEY). */
export interface CalcomSettings {
  apiUrl: string;
  /** Unset when no key is configured: every sync then fails with a reason saying so. */
  apiKey: string | undefined;
  /** Per request; the Cal.com client's default when unset. */
  timeoutMs?: number | undefined;
}

export interface CalcomCredentials {
  apiKey: string;
  baseUrl: string;
}

/**
 * The key and origin that reach a company's event types, or undefined when there is no key.
 * Today every company shares the worker's CALCOM_API_KEY; a per-company key
 * (Company.calcomApiKeyEncrypted) will be decrypted here, which is why this is async and takes the company.
 */
export async function resolveCalcomCredentials(
  _company: Company,
  settings: CalcomSettings,
): Promise<CalcomCredentials | undefined> {
  if (!settings.apiKey) return undefined;
  return { apiKey: settings.apiKey, baseUrl: settings.apiUrl };
}
