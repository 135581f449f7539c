import { CalcomError, type CalcomErrorKind } from "@askpro/calcom";
import type { CalcomKeySource, Company } from "@askpro/db";
import { companyCalcomSettings } from "../../../calcom/company-settings";
import { clientFor, NO_API_KEY_REASON } from "../../../calcom/read-event-type";
import type { AuthedContext } from "../../../trpc";
import { findScopedCompany } from "../scope";
import type { TestCalcomConnectionInput } from "./test.schema";

/** Why the company's Cal.com connection does not work; the SPA words each in the reader's language. */
export type CalcomConnectionProblem =
  | "no_key"
  | "key_unreadable"
  | "invalid_key"
  | "team_not_readable"
  | "unreachable"
  | "rate_limited"
  | "calcom_error";

/** What "Test connection" found out, asking Cal.com with the key the company's syncs use. Never the key. */
export interface CalcomConnectionCheck {
  ok: boolean;
  problem: CalcomConnectionProblem | null;
  /** The problem in English with Cal.com's status (for the log and as a detail); null when ok. */
  reason: string | null;
  /** Which key was used: the company's own, the global CALCOM_API_KEY, or none. */
  keySource: CalcomKeySource;
  /** Whom the key belongs to, as GET /v2/me answers (Cal.com's MeOutput has no display name). */
  keyOwner: { id: number; username: string; email: string } | null;
  /** The company's Cal.com team; null: it uses the key's user's own event types. */
  teamId: number | null;
  /**
   * The key may work on the team's event types (its user is a member): true, false, or null when there
   * is no team, it was not reached, or the team has no event type to try it on.
   */
  teamReadable: boolean | null;
  /** How many event types the team has in Cal.com; null when there is no team or it was not reached. */
  teamEventTypeCount: number | null;
  checkedAt: string;
}

/** A failed call in plain words; 401 and 403 mean different things on /v2/me and on the team's path. */
function problemOf(kind: CalcomErrorKind, step: "me" | "team"): CalcomConnectionProblem {
  if (step === "team" && (kind === "forbidden" || kind === "not_found")) return "team_not_readable";
  if (kind === "unauthorized" || kind === "forbidden") return "invalid_key";
  if (kind === "network" || kind === "timeout") return "unreachable";
  if (kind === "rate_limited") return "rate_limited";
  return "calcom_error";
}

function reasonOf(error: CalcomError, step: "me" | "team", teamId: number | null): string {
  const status = error.status === undefined ? "" : ` (${error.status})`;
  switch (problemOf(error.kind, step)) {
    case "invalid_key":
      return `Cal.com rejected the API key${status}`;
    case "team_not_readable":
      return `The key's user cannot read Cal.com team ${teamId}: not a member, or no such team${status}`;
    case "unreachable":
      return error.kind === "timeout" ? "Cal.com did not answer in time (timeout)" : "Cal.com could not be reached (network error)";
    case "rate_limited":
      return `Cal.com's rate limit was reached${status}; try again in a minute`;
    default:
      return error.kind === "server" ? `Cal.com had a server error${status}` : `Cal.com answered unexpectedly${status || ""}`;
  }
}

function keySourceOf(ctx: AuthedContext, company: Company): CalcomKeySource {
  if (company.calcomApiKeyEncrypted) return "company";
  return ctx.env.CALCOM_API_KEY ? "global" : "none";
}

/**
 * "Test connection": GET /v2/me (is the key valid, and whose is it), then, for a company with a team,
 * the team's event-type list (what link and import read) and one of its event types with the key (what
 * sync and link read). At most three requests on the key's budget. A
 * failure is an answer (ok false with the problem), not an error: telling it is the procedure's job.
 */
export async function testCalcomConnectionHandler({ ctx, input }: { ctx: AuthedContext; input: TestCalcomConnectionInput }): Promise<CalcomConnectionCheck> {
  const company = await findScopedCompany(ctx, input.companyId);
  const teamId = company.calcomTeamId ?? null;
  const base = { keySource: keySourceOf(ctx, company), keyOwner: null, teamId, teamReadable: null, teamEventTypeCount: null, checkedAt: new Date().toISOString() };
  const settings = await companyCalcomSettings(ctx, company);
  const result = await (async (): Promise<CalcomConnectionCheck> => {
    if (!settings.apiKey) {
      const problem = settings.unusableKeyReason ? "key_unreadable" : "no_key";
      return { ...base, ok: false, problem, reason: settings.unusableKeyReason ?? NO_API_KEY_REASON };
    }
    const client = clientFor(settings.apiUrl, settings.apiKey, settings.rateBudget);
    let keyOwner: CalcomConnectionCheck["keyOwner"];
    try {
      const me = await client.getMe();
      keyOwner = { id: me.id, username: me.username, email: me.email };
    } catch (error) {
      if (!(error instanceof CalcomError)) throw error;
      return { ...base, ok: false, problem: problemOf(error.kind, "me"), reason: reasonOf(error, "me", teamId) };
    }
    if (teamId === null) return { ...base, keyOwner, ok: true, problem: null, reason: null };
    // Cal.com lists a team's event types to anyone (a public endpoint); reading one of them is what
    // needs the key's user to be a member, and it is the call that sync and link make.
    let teamEventTypeCount: number;
    try {
      const teamEventTypes = await client.listEventTypes({ teamId });
      teamEventTypeCount = teamEventTypes.length;
      const first = teamEventTypes[0];
      if (first === undefined) return { ...base, keyOwner, teamEventTypeCount, ok: true, problem: null, reason: null };
      await client.getEventType(first.id, { teamId });
    } catch (error) {
      if (!(error instanceof CalcomError)) throw error;
      const problem = problemOf(error.kind, "team");
      const teamReadable = problem === "team_not_readable" ? false : null;
      return { ...base, keyOwner, teamReadable, ok: false, problem, reason: reasonOf(error, "team", teamId) };
    }
    return { ...base, keyOwner, teamReadable: true, teamEventTypeCount, ok: true, problem: null, reason: null };
  })();
  ctx.logger.info(
    { event: "calcom-connection-tested", companyId: company.id, userId: ctx.user.id, ok: result.ok, problem: result.problem, keySource: result.keySource },
    "Cal.com connection tested",
  );
  return result;
}
