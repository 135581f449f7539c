import type { CalcomKeyStatus } from "../trpc";

/**
 * What the settings page says about the key in use. A company key whose last four characters are
 * missing is stored but undecryptable (APP_SECRET changed): saving it again is the fix.
 */
export type CalcomKeyState =
  | { kind: "company"; last4: string }
  | { kind: "unreadable" }
  | { kind: "global" }
  | { kind: "none" };

export function calcomKeyStateOf(status: CalcomKeyStatus): CalcomKeyState {
  if (status.configured) return status.last4 ? { kind: "company", last4: status.last4 } : { kind: "unreadable" };
  return status.source === "global" ? { kind: "global" } : { kind: "none" };
}
