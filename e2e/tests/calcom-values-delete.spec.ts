import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { ADMIN, signIn } from "../support/auth";
import { createTeamEventType, linkViaDialog, readTeamEventType, SANDBOX_URL } from "../support/link";
import { openService, unique } from "../support/services";
import { calcomPanel, syncBadge, toast } from "../support/sync";

const ASKPRO_TEAM = 39203;
const CALCOM_HEADERS = { authorization: "Bearer cal_test_askpro_demo", "cal-api-version": "2024-06-14" };

/** Someone changes the event type in Cal.com itself. */
async function changeInCalcom(request: APIRequestContext, id: number, data: Record<string, unknown>): Promise<void> {
  const response = await request.patch(`${SANDBOX_URL}/v2/teams/${ASKPRO_TEAM}/event-types/${id}`, { headers: CALCOM_HEADERS, data });
  expect(response.status(), await response.text()).toBe(200);
}

/** A new service linked to a new event type of the team, its page open. */
async function linkedService(page: Page, prefix: string): Promise<{ name: string; title: string; eventTypeId: number }> {
  const name = unique(`E2E ${prefix}`);
  const title = unique(`E2E ${prefix} in Cal.com`);
  const eventTypeId = await createTeamEventType(page.request, title, `e2e-${prefix.toLowerCase()}-${Date.now().toString(36)}`);
  await page.getByRole("link", { name: /New service/ }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Duration").fill("25");
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByText("Service created")).toBeVisible();
  await openService(page, name);
  await linkViaDialog(page, title);
  return { name, title, eventTypeId };
}

test.beforeEach(async ({ page }) => {
  // Each test creates, links and then waits for a job: on a loaded machine that nears the default 30 s.
  test.setTimeout(60_000);
  await signIn(page, ADMIN);
});

test("Take Cal.com's values: the event type changed in Cal.com is shown before -> after, then taken; the service is Synced", async ({ page }, testInfo) => {
  const { name, eventTypeId } = await linkedService(page, "Werte");
  const renamed = `${name} (in Cal.com geändert)`;
  await changeInCalcom(page.request, eventTypeId, { title: renamed, lengthInMinutes: 40, afterEventBuffer: 15 });

  await calcomPanel(page).getByRole("button", { name: "Take Cal.com's values" }).click();
  const dialog = page.getByRole("dialog", { name: "Take Cal.com's values" });
  await expect(dialog.getByRole("table")).toBeVisible();
  await expect(dialog.getByRole("row", { name: /^Name/ })).toContainText(name);
  await expect(dialog.getByRole("row", { name: /^Name/ })).toContainText(renamed);
  await expect(dialog.getByRole("row", { name: /^Duration/ })).toContainText("25 min");
  await expect(dialog.getByRole("row", { name: /^Duration/ })).toContainText("40 min");
  await expect(dialog.getByRole("row", { name: /^Buffer after/ })).toBeVisible();
  await dialog.screenshot({ path: testInfo.outputPath("take-calcom-values-dialog.png") });

  await dialog.getByRole("button", { name: "Take values" }).click();
  await expect(toast(page, "Cal.com's values taken")).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: renamed })).toBeVisible();
  await expect(syncBadge(page)).toHaveText("Synced");
  // Cal.com was only read: it still holds its own values.
  expect(await readTeamEventType(page.request, eventTypeId)).toEqual({ status: 200, title: renamed });
});

test("deleting a linked service asks about its event type; choosing delete removes it from Cal.com too", async ({ page }, testInfo) => {
  const { name, eventTypeId } = await linkedService(page, "Loeschen");

  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByRole("alertdialog", { name: "Delete this service?" });
  await expect(dialog.getByRole("group", { name: `And its Cal.com event type ${eventTypeId}?` })).toBeVisible();
  // No choice is made for the admin.
  await expect(dialog.getByRole("button", { name: "Delete service" })).toBeDisabled();
  await dialog.getByRole("radio", { name: /Delete it in Cal.com/ }).check();
  await dialog.screenshot({ path: testInfo.outputPath("delete-linked-dialog.png") });
  await dialog.getByRole("button", { name: "Delete service" }).click();

  // The job deletes the event type, then the service; the page follows it back to the list.
  await expect(toast(page, "Service deleted")).toBeVisible({ timeout: 15_000 });
  await expect(page).toHaveURL(/\/services$/);
  expect(await readTeamEventType(page.request, eventTypeId)).toEqual({ status: 404 });
  await page.getByRole("searchbox").fill(name);
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
});

test("deleting a linked service and choosing keep leaves its event type in Cal.com as it was, not hidden", async ({ page }, testInfo) => {
  const { name, title, eventTypeId } = await linkedService(page, "Behalten");

  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const dialog = page.getByRole("alertdialog", { name: "Delete this service?" });
  await expect(dialog.getByRole("group", { name: `And its Cal.com event type ${eventTypeId}?` })).toBeVisible();
  await dialog.getByRole("radio", { name: /Keep it in Cal.com/ }).check();
  await dialog.screenshot({ path: testInfo.outputPath("delete-keep-dialog.png") });
  await dialog.getByRole("button", { name: "Delete service" }).click();

  await expect(toast(page, "Service deleted")).toBeVisible({ timeout: 15_000 });
  await expect(page).toHaveURL(/\/services$/);
  await page.getByRole("searchbox").fill(name);
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
  // Cal.com was not touched: the event type is still there, bookable (not hidden), under its own title.
  const response = await page.request.get(`${SANDBOX_URL}/v2/teams/${ASKPRO_TEAM}/event-types/${eventTypeId}`, { headers: CALCOM_HEADERS });
  expect(response.status(), await response.text()).toBe(200);
  const { data } = (await response.json()) as { data: { title: string; hidden: boolean } };
  expect(data).toMatchObject({ title, hidden: false });
});

const keyCard = (page: Page) => page.getByRole("region", { name: "Cal.com API key" });

/** AskProAI uses the gateway's global key; other specs rely on that, so this puts it back. */
async function removeCompanyKey(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  const remove = keyCard(page).getByRole("button", { name: "Remove company key" });
  await expect(keyCard(page)).toBeVisible();
  if (await remove.isVisible()) {
    await remove.click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Remove key" }).click();
  }
  await expect(keyCard(page)).toContainText("Using the gateway's global key");
}

test("a deletion Cal.com refuses keeps the service with the reason; Retry, once Cal.com accepts, deletes it", async ({ page }, testInfo) => {
  const { name, eventTypeId } = await linkedService(page, "Fehlschlag");
  const servicePage = page.url();
  try {
    // A company key Cal.com rejects (401): the removal job fails for good at once.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
    await keyCard(page).getByLabel("New API key").fill(`cal_live_e2e_${Date.now().toString(36)}_revoked`);
    await keyCard(page).getByRole("button", { name: "Save key" }).click();
    await expect(keyCard(page)).toContainText("Company key ending in");
    await page.goto(servicePage);

    await page.getByRole("button", { name: "Delete", exact: true }).click();
    const dialog = page.getByRole("alertdialog", { name: "Delete this service?" });
    await dialog.getByRole("radio", { name: /Hide it in Cal.com/ }).check();
    await dialog.getByRole("button", { name: "Delete service" }).click();

    await expect(toast(page, "The service's event type could not be removed in Cal.com")).toBeVisible({ timeout: 15_000 });
    const notice = page.getByRole("alert").filter({ hasText: "Deletion failed" });
    await expect(notice).toContainText("Cal.com rejected the API key");
    await expect(calcomPanel(page).locator(".badge").first()).toHaveText("Deletion failed");
    await expect(page.getByRole("region", { name: "Sync history" })).toContainText("Hide in Cal.com: Failed");
    await page.screenshot({ path: testInfo.outputPath("deletion-failed.png") });
  } finally {
    await removeCompanyKey(page);
  }

  await page.goto(servicePage);
  await page.getByRole("alert").filter({ hasText: "Deletion failed" }).getByRole("button", { name: "Retry" }).click();
  const again = page.getByRole("alertdialog", { name: "Delete this service?" });
  await again.getByRole("radio", { name: /Hide it in Cal.com/ }).check();
  await again.getByRole("button", { name: "Delete service" }).click();
  await expect(toast(page, "Service deleted")).toBeVisible({ timeout: 15_000 });
  await expect(page).toHaveURL(/\/services$/);
  await page.getByRole("searchbox").fill(name);
  await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
  // Hidden, not deleted: Cal.com keeps the event type.
  expect((await readTeamEventType(page.request, eventTypeId)).status).toBe(200);
});
