export const HOME_PATH = "/services";

/**
 * Where to go after signing in. Only same-site paths are accepted, so a crafted `?next=` link cannot
 * send someone to another site ("//evil.test", "/\\evil.test", "https://...").
 */
export function safeRedirectTarget(next: string | null | undefined): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return HOME_PATH;
  if (next === "/login" || next.startsWith("/login?")) return HOME_PATH;
  return next;
}

export function loginPathFor(pathWithSearch: string): string {
  return pathWithSearch === "/" || pathWithSearch === HOME_PATH ? "/login" : `/login?next=${encodeURIComponent(pathWithSearch)}`;
}
