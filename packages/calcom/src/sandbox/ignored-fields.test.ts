import { describe, expect, it } from "vitest";
import { ASKPRO_TEAM, DEMO_KEY, useSandbox } from "../../test/support/sandbox-fixture";
import { CALCOM_API_VERSION } from "../types";
import { IGNORED_FIELDS_CONTROL_PATH } from "./ignored-fields";

const sandbox = useSandbox();
const TEAM_EVENT_TYPE = 3664712;
const OTHER_TEAM_EVENT_TYPE = 3664713;

async function patch(id: number, body: Record<string, unknown>) {
  const response = await fetch(`${sandbox.current.url}/v2/teams/${ASKPRO_TEAM}/event-types/${id}`, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${DEMO_KEY}`, "cal-api-version": CALCOM_API_VERSION, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, data: ((await response.json()) as { data: Record<string, unknown> }).data };
}

const control = (method: string, body?: unknown) =>
  fetch(`${sandbox.current.url}${IGNORED_FIELDS_CONTROL_PATH}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });

describe("Cal.com sandbox ignoring a field", () => {
  it("answers 200 with the old value of the ignored field, applies the others, and only for that event type", async () => {
    const before = sandbox.current.getEventType(TEAM_EVENT_TYPE);
    sandbox.current.ignoreField(TEAM_EVENT_TYPE, "minimumBookingNotice");
    const answer = await patch(TEAM_EVENT_TYPE, { minimumBookingNotice: 999, title: "Neu" });
    expect(answer.status).toBe(200);
    expect(answer.data).toMatchObject({ minimumBookingNotice: before?.minimumBookingNotice, title: "Neu" });
    expect(sandbox.current.getEventType(TEAM_EVENT_TYPE)?.minimumBookingNotice).toBe(before?.minimumBookingNotice);
    expect((await patch(OTHER_TEAM_EVENT_TYPE, { minimumBookingNotice: 999 })).data.minimumBookingNotice).toBe(999);
  });

  it("is switched over HTTP for a sandbox in another process, and the switch is not logged as a Cal.com request", async () => {
    expect((await control("PUT", { eventTypeId: TEAM_EVENT_TYPE, field: "hidden" })).status).toBe(200);
    expect((await patch(TEAM_EVENT_TYPE, { hidden: true })).data.hidden).toBe(false);
    expect((await control("DELETE")).status).toBe(200);
    expect((await patch(TEAM_EVENT_TYPE, { hidden: true })).data.hidden).toBe(true);
    expect(sandbox.current.requests.map((request) => request.method)).toEqual(["PATCH", "PATCH"]);
    expect((await control("PUT", { eventTypeId: "x", field: "hidden" })).status).toBe(400);
  });

  it("forgets the switch on reset", async () => {
    sandbox.current.ignoreField(TEAM_EVENT_TYPE, "title");
    sandbox.current.reset();
    expect((await patch(TEAM_EVENT_TYPE, { title: "Neu" })).data.title).toBe("Neu");
  });
});
