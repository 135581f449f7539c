import { type CompanyCalcomKey, resolveCalcomApiKey } from "@askpro/db";

/** How the worker is configured to reach Cal.com (CALCOM_API_URL, CALCOM_API_KEY, APP_SECRET). */
export interface CalcomSettings {
  apiUrl: string;
  /** The global key, for companies without their own; unset: their syncs fail with a reason saying so. */
  apiKey: string | undefined;
  /** Decrypts companies' own keys (APP_SECRET, as the environment resolved it). */
  appSecret: string;
  /** Per request; the Cal.com client's default when unset. */
  timeoutMs?: number | undefined;
}

export interface CalcomCredentials {
  apiKey: string;
  baseUrl: string;
}

/**
 * The key and origin that reach a company's event types: the company's own key when it has one, else
 * the global CALCOM_API_KEY; undefined when there is neither. A company key that cannot be decrypted
 * (another APP_SECRET) throws SecretDecryptionError, whose message names no secret: the sync fails with it.
 */
export function resolveCalcomCredentials(company: CompanyCalcomKey, settings: CalcomSettings): CalcomCredentials | undefined {
  const key = resolveCalcomApiKey(company, {
    appSecret: settings.appSecret,
    fallbackKey: settings.apiKey,
  });
  return key.apiKey === undefined ? undefined : { apiKey: key.apiKey, baseUrl: settings.apiUrl };
}
