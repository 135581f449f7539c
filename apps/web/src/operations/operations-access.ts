import type { Me } from "../trpc";

/**
 * Who opens the operations page: platform operators (every company) and a company's owners and
 * admins (their own). Viewers change nothing, and the page's actions are changes.
 */
export function canSeeOperations(me: Pick<Me, "role">): boolean {
  return me.role !== "viewer";
}
