import { expect, type Page, test } from "@playwright/test";
import { ADMIN, signIn } from "../support/auth";
import { createTeamEventType, linkViaDialog, readTeamEventType } from "../support/link";
import { openService, unique } from "../support/services";
import { syncBadge, toast } from "../support/sync";

const autoSyncCard = (page: Page) => page.getByRole("region", { name: "Auto-sync" });

async function setAutoSync(page: Page, enabled: boolean): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  // Left from an edit form a failed test did not save.
  const discard = page.getByRole("button", { name: "Discard changes" });
  await expect(page.getByRole("heading", { level: 1, name: "Company settings" }).or(discard)).toBeVisible();
  if (await discard.isVisible()) await discard.click();
  const card = autoSyncCard(page);
  const checkbox = card.getByRole("checkbox", { name: "Sync changes automatically" });
  await expect(checkbox).toBeEnabled();
  if ((await checkbox.isChecked()) === enabled) return;
  await checkbox.setChecked(enabled);
  await card.getByRole("button", { name: "Save" }).click();
  await expect(toast(page, enabled ? "Auto-sync turned on" : "Auto-sync turned off")).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN);
});

// AskProAI's auto-sync is off for every other spec: put back whatever happens here.
test.afterEach(async ({ page }) => {
  await setAutoSync(page, false);
});

test("with auto-sync on, saving a new name syncs the service by itself and Cal.com gets it", async ({ page }, testInfo) => {
  // It creates and links a service of its own before the part that matters.
  test.setTimeout(90_000);
  await setAutoSync(page, true);
  await expect(autoSyncCard(page).getByRole("checkbox", { name: "Sync changes automatically" })).toBeChecked();
  await autoSyncCard(page).screenshot({ path: testInfo.outputPath("auto-sync-setting.png") });

  // A service of its own, linked to an event type of its own.
  const name = unique("E2E Auto-Sync");
  await page.goto("/services");
  await page.getByRole("link", { name: /New service/ }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Duration").fill("20");
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByText("Service created")).toBeVisible();
  const title = unique("E2E Auto-Sync Termin");
  const eventTypeId = await createTeamEventType(page.request, title, `e2e-auto-sync-${Date.now().toString(36)}`);
  await openService(page, name);
  await linkViaDialog(page, title);

  const renamed = `${name} (neu)`;
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Name", { exact: true }).fill(renamed);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Service saved")).toBeVisible();
  // No "Sync with Cal.com": the save asked for it, and the job runs a few seconds later.
  await expect(syncBadge(page)).toHaveText("Sync pending");
  await expect(syncBadge(page)).toHaveText("Synced", { timeout: 20_000 });
  expect(await readTeamEventType(page.request, eventTypeId)).toEqual({ status: 200, title: renamed });
});
