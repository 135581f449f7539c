/** Cal.com API keys: `cal_...` (test) or `cal_live_...` (live). */
export const CALCOM_API_KEY_PATTERN = /^cal_(live_)?[A-Za-z0-9_]+$/;
