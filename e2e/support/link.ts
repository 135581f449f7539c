import { type APIRequestContext, expect, type Locator, type Page } from "@playwright/test";
import { calcomPanel, toast } from "./sync";

/** The e2e stack's sandbox (scripts/stack.ts), or the one E2E_CALCOM_SANDBOX_URL names next to E2E_BASE_URL. */
export const SANDBOX_URL = process.env.E2E_CALCOM_SANDBOX_URL ?? "http://127.0.0.1:4311";
/** AskProAI's team and the key the stack gives the api when the sandbox runs (demo data). */
const ASKPRO_TEAM = 39203;
const CALCOM_HEADERS = { authorization: "Bearer cal_test_askpro_demo", "cal-api-version": "2024-06-14" };

export const LINK_DIALOG = "Link a Cal.com event type";

/** An event type of AskProAI's team that no service links: created in the sandbox, as an admin would in Cal.com. */
export async function createTeamEventType(request: APIRequestContext, title: string, slug: string): Promise<number> {
  const response = await request.post(`${SANDBOX_URL}/v2/teams/${ASKPRO_TEAM}/event-types`, {
    headers: CALCOM_HEADERS,
    data: { title, slug, lengthInMinutes: 25, schedulingType: "roundRobin", assignAllTeamMembers: true },
  });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { data: { id: number } }).data.id;
}

/** The event type as the sandbox holds it now: its HTTP status and title. */
export async function readTeamEventType(request: APIRequestContext, id: number): Promise<{ status: number; title?: string }> {
  const response = await request.get(`${SANDBOX_URL}/v2/teams/${ASKPRO_TEAM}/event-types/${id}`, { headers: CALCOM_HEADERS });
  if (!response.ok()) return { status: response.status() };
  return { status: response.status(), title: ((await response.json()) as { data: { title: string } }).data.title };
}

export async function deleteTeamEventType(request: APIRequestContext, id: number): Promise<void> {
  const response = await request.delete(`${SANDBOX_URL}/v2/teams/${ASKPRO_TEAM}/event-types/${id}`, { headers: CALCOM_HEADERS });
  expect(response.status(), await response.text()).toBe(200);
}

/** Opens "Link a Cal.com event type" from the Cal.com panel and waits until Cal.com has been read. */
export async function openLinkDialog(page: Page): Promise<Locator> {
  await calcomPanel(page).getByRole("button", { name: "Link event type" }).click();
  const dialog = page.getByRole("dialog", { name: LINK_DIALOG });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("radiogroup")).toBeVisible();
  return dialog;
}

/** The picker's row of an event type, by its title. */
export const eventTypeOption = (dialog: Locator, title: string) => dialog.getByRole("radio", { name: title });

/** Links the event type with this title through the dialog. */
export async function linkViaDialog(page: Page, title: string): Promise<void> {
  const dialog = await openLinkDialog(page);
  await eventTypeOption(dialog, title).check();
  await dialog.getByRole("button", { name: "Link", exact: true }).click();
  await expect(toast(page, "Event type linked")).toBeVisible();
  await expect(dialog).toBeHidden();
}
