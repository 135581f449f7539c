import { CalcomError } from "@askpro/calcom";
import { type Check, fail, pass } from "../check";
import { calcomFailureFix } from "./calcom-failure";
import { findTestService } from "./find-test-service";

export const testServiceCheck: Check = {
  id: "test-service",
  title: "Test service readable in Cal.com",
  needs: ["migrations", "calcom"],
  async run(ctx) {
    const lookup = await findTestService(ctx);
    if ("problem" in lookup) return fail(lookup.problem, lookup.fix);
    const service = lookup.found;
    const label = `"${service.name}" (${service.company.name}, ${service.id})`;
    const eventTypeId = service.calcomEventTypeId;
    if (eventTypeId == null) {
      return fail(`${label} has no Cal.com event type`, "link its event type on the service's edit page, or pick another with --service");
    }
    const teamId = service.company.calcomTeamId ?? undefined;
    const path = teamId === undefined ? "the key's own event types" : `team ${teamId}`;
    try {
      // The same scope the worker's sync uses: the team path when the company has a Cal.com team.
      const eventType = await ctx.calcom().getEventType(eventTypeId, { teamId });
      return pass(`${label}: event type ${eventTypeId} "${eventType.title}" read via ${path}`, { serviceId: service.id, eventTypeId });
    } catch (error) {
      if (!(error instanceof CalcomError)) throw error;
      return fail(`${label}: event type ${eventTypeId} via ${path}: ${error.message}`, calcomFailureFix(error));
    }
  },
};
