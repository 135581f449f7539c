export const NO_EVENT_TYPE_REASON = "No Cal.com event type linked";
export const NO_API_KEY_REASON = "No Cal.com API key is configured for the worker (CALCOM_API_KEY)";

export function gaveUpAfter(reason: string, attempts: number): string {
  return `${reason} - gave up after ${attempts} attempts`;
}
