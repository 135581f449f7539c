import { CalcomError, type CalcomMe } from "@askpro/calcom";
import { type Check, fail, pass, warn } from "../check";
import { calcomFailureFix } from "./calcom-failure";

/** Below this many requests left in the window, a bulk sync would have to wait for the next one. */
const LOW_BUDGET = 20;

export const calcomCheck: Check = {
  id: "calcom",
  title: "Cal.com reachable, API key valid",
  async run(ctx) {
    const calcom = ctx.settings.calcom;
    if (!calcom) return fail("no Cal.com API key configured", "set CALCOM_API_KEY (and CALCOM_API_URL for anything but https://api.cal.com)");
    const client = ctx.calcom();
    let me: CalcomMe;
    try {
      me = await client.me();
    } catch (error) {
      if (!(error instanceof CalcomError)) throw error;
      const fix =
        calcom.source === "dev-sandbox" && error.kind === "network"
          ? "start npm run dev (it runs the Cal.com sandbox), or set CALCOM_API_KEY and CALCOM_API_URL"
          : calcomFailureFix(error);
      return fail(`${calcom.apiUrl}: ${error.message}`, fix);
    }
    const budget = client.lastRateLimit();
    const budgetText =
      budget?.remaining === undefined
        ? "no rate-limit headers in the answer"
        : `${budget.remaining}/${budget.limit ?? "?"} requests left in this window${budget.resetMs === undefined ? "" : `, resets in ${Math.ceil(budget.resetMs / 1000)} s`}`;
    const detail = `${calcom.apiUrl} as ${me.username} (user ${me.id}); ${budgetText}`;
    const data = { userId: me.id, rateLimit: budget ?? null };
    if (budget?.remaining !== undefined && budget.remaining < LOW_BUDGET) {
      return warn(detail, "another process is spending this key's budget: wait for the window to reset before a bulk sync", data);
    }
    return pass(detail, data);
  },
};
