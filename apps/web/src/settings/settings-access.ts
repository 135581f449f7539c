import type { Me } from "../trpc";

/**
 * Who may open the company settings: owners and admins of a company. Viewers get a read-only note; a
 * platform operator belongs to no company, so there is no "own" company to configure.
 */
export type SettingsAccess = "allowed" | "read_only" | "no_company";

export function settingsAccessOf(me: Pick<Me, "role" | "company">): SettingsAccess {
  if (me.role === "viewer") return "read_only";
  return me.company ? "allowed" : "no_company";
}
