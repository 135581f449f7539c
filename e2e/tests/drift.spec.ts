import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { ADMIN, signIn } from "../support/auth";
import { createTeamEventType, deleteTeamEventType, linkViaDialog, SANDBOX_URL } from "../support/link";
import { openService, unique } from "../support/services";
import { calcomPanel, syncBadge, toast } from "../support/sync";

const ASKPRO_TEAM = 39203;
const CALCOM_HEADERS = { authorization: "Bearer cal_test_askpro_demo", "cal-api-version": "2024-06-14" };

/** Someone renames the event type in Cal.com itself. */
async function renameInCalcom(request: APIRequestContext, id: number, title: string): Promise<void> {
  const response = await request.patch(`${SANDBOX_URL}/v2/teams/${ASKPRO_TEAM}/event-types/${id}`, { headers: CALCOM_HEADERS, data: { title } });
  expect(response.status(), await response.text()).toBe(200);
}

/** A new service linked to a new event type of the team and synced, so that it starts in step with it. */
async function syncedService(page: Page, prefix: string): Promise<{ name: string; eventTypeId: number }> {
  const name = unique(`E2E ${prefix}`);
  const title = unique(`E2E ${prefix} in Cal.com`);
  const eventTypeId = await createTeamEventType(page.request, title, `e2e-${prefix.toLowerCase()}-${Date.now().toString(36)}`);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Services" }).click();
  await page.getByRole("link", { name: /New service/ }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Duration").fill("25");
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByText("Service created")).toBeVisible();
  await openService(page, name);
  await linkViaDialog(page, title);
  await calcomPanel(page).getByRole("button", { name: "Sync with Cal.com" }).click();
  await page.getByRole("dialog", { name: "Sync service with Cal.com" }).getByRole("button", { name: "Sync now" }).click();
  await expect(syncBadge(page)).toHaveText("Synced", { timeout: 20_000 });
  return { name, eventTypeId };
}

/** "Check Cal.com now" on the settings page, waiting for the check to end. */
async function checkCalcomNow(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await page.getByRole("button", { name: "Check Cal.com now" }).click();
  await expect(toast(page, "Cal.com checked")).toBeVisible({ timeout: 20_000 });
}

test.beforeEach(async ({ page }) => {
  // Two services are made, linked and synced before the check: on a loaded machine that takes a while.
  test.setTimeout(90_000);
  await signIn(page, ADMIN);
});

test("Check Cal.com now: a renamed event type shows Changed in Cal.com with both titles, a deleted one Missing in Cal.com; a sync clears it", async ({ page }, testInfo) => {
  const renamed = await syncedService(page, "Drift");
  const deleted = await syncedService(page, "Weg");
  const newTitle = `${renamed.name} (in Cal.com umbenannt)`;
  await renameInCalcom(page.request, renamed.eventTypeId, newTitle);
  await deleteTeamEventType(page.request, deleted.eventTypeId);

  await checkCalcomNow(page);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Services" }).click();
  await expect(page.getByRole("row", { name: new RegExp(renamed.name) }).getByText("Changed in Cal.com")).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(deleted.name) }).getByText("Missing in Cal.com")).toBeVisible();

  await openService(page, renamed.name);
  const panel = calcomPanel(page);
  await expect(panel.getByText("Changed in Cal.com", { exact: true })).toBeVisible();
  await expect(panel).toContainText(`(ours “${renamed.name}”, Cal.com has “${newTitle}”)`);
  // The ways out are beside it.
  await expect(panel.getByRole("button", { name: "Sync with Cal.com" })).toBeVisible();
  await expect(panel.getByRole("button", { name: "Take Cal.com's values" })).toBeVisible();
  await expect(panel.getByRole("button", { name: "Unlink" })).toBeVisible();
  await panel.screenshot({ path: testInfo.outputPath("changed-in-calcom.png") });

  // Pushing ours ends synced and clears the mark.
  await panel.getByRole("button", { name: "Sync with Cal.com" }).click();
  await page.getByRole("dialog", { name: "Sync service with Cal.com" }).getByRole("button", { name: "Sync now" }).click();
  await expect(toast(page, "Synced with Cal.com")).toBeVisible({ timeout: 20_000 });
  await expect(panel.getByText("Changed in Cal.com", { exact: true })).toBeHidden();
});
