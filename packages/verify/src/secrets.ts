import type { Settings } from "./settings";

/** Enough to tell which secret is configured, never enough to use it. */
export function describeSecret(value: string | undefined): string {
  if (!value) return "unset";
  return value.length >= 20 ? `set (ending …${value.slice(-4)})` : "set";
}

/** A URL without its password, for details: postgres://user:***@host:5432/db */
export function withoutPassword(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@/]*@/i, "$1***@");
}

/**
 * Replaces every configured secret in a text: a last line of defence for error messages that
 * drivers build from what they were given.
 */
export function secretRedactor(source: NodeJS.ProcessEnv, settings: Settings): (text: string) => string {
  const urls = [source.DATABASE_URL, source.JOBS_DB_URL, settings.databaseUrl];
  const secrets = [source.APP_SECRET, settings.appSecret, source.CALCOM_API_KEY, settings.calcom?.apiKey, ...urls.map(passwordOf)].filter(
    (secret): secret is string => Boolean(secret && secret.length >= 4),
  );
  return (text) => secrets.reduce((result, secret) => result.split(secret).join("[redacted]"), text);
}

function passwordOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return decodeURIComponent(new URL(url).password) || undefined;
  } catch {
    return undefined;
  }
}
