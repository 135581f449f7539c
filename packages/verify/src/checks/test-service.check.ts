import { type CalcomClient, CalcomError, createCalcomClient } from "@askpro/calcom";
import { resolveCalcomApiKey, SecretDecryptionError, type Service } from "@askpro/db";
import { type Check, fail, pass, type VerifyContext } from "../check";
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
    const credentials = companyCredentials(ctx, service);
    if ("problem" in credentials) {
      return fail(`${label}: ${credentials.problem}`, "run verify with the APP_SECRET the api and the worker use, or set the company's Cal.com key again");
    }
    const teamId = service.company.calcomTeamId ?? undefined;
    const path = `${teamId === undefined ? "the key's own event types" : `team ${teamId}`}${credentials.ownKey ? " with the company's own key" : ""}`;
    try {
      // The same key and scope the worker's sync uses: the company's key, and the team path when it has a Cal.com team.
      const eventType = await credentials.client.getEventType(eventTypeId, { teamId });
      return pass(`${label}: event type ${eventTypeId} "${eventType.title}" read via ${path}`, { serviceId: service.id, eventTypeId });
    } catch (error) {
      if (!(error instanceof CalcomError)) throw error;
      return fail(`${label}: event type ${eventTypeId} via ${path}: ${error.message}`, calcomFailureFix(error));
    }
  },
};

type CompanyCredentials = { client: CalcomClient; ownKey: boolean } | { problem: string };

/** The company's own Cal.com key when it has one (resolved as the worker does), else the configured one. */
function companyCredentials(ctx: VerifyContext, service: Service): CompanyCredentials {
  const { settings } = ctx;
  try {
    const key = resolveCalcomApiKey(service.company, { appSecret: settings.appSecret ?? "", fallbackKey: settings.calcom?.apiKey });
    if (key.source !== "company" || !settings.calcom) return { client: ctx.calcom(), ownKey: false };
    return { client: createCalcomClient({ apiKey: key.apiKey, baseUrl: settings.calcom.apiUrl }), ownKey: true };
  } catch (error) {
    if (!(error instanceof SecretDecryptionError)) throw error;
    return { problem: `the company's own Cal.com key: ${error.message}` };
  }
}
