import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "../support/auth";
import { createTeamEventType, eventTypeOption, openLinkDialog, readTeamEventType } from "../support/link";
import { openService, QUICK_CONSULTATION, unique } from "../support/services";
import { calcomPanel, openSyncDialog, SYNC_BUTTON, syncBadge, toast } from "../support/sync";

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN);
});

test("a service is linked to an event type picked from Cal.com, synced, then unlinked while Cal.com keeps it", async ({ page }, testInfo) => {
  const name = unique("E2E Verknüpfung");
  const title = unique("E2E Cal.com Termin");
  const eventTypeId = await createTeamEventType(page.request, title, `e2e-link-${Date.now().toString(36)}`);

  await page.getByRole("link", { name: /New service/ }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Duration").fill("25");
  // The form has no id field any more: an id typed there was saved unchecked.
  await expect(page.getByLabel("Cal.com event type ID")).toHaveCount(0);
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByText("Service created")).toBeVisible();
  await openService(page, name);
  await expect(calcomPanel(page).getByRole("button", { name: SYNC_BUTTON })).toBeDisabled();

  const dialog = await openLinkDialog(page);
  await expect(dialog).toContainText("Cal.com team 39203");
  // Taken event types are shown with their service and cannot be chosen.
  const taken = eventTypeOption(dialog, QUICK_CONSULTATION);
  await expect(taken).toBeDisabled();
  await expect(dialog.getByText(`linked to ${QUICK_CONSULTATION}`)).toBeVisible();
  // The fixture's hidden event type says so (other specs may have hidden more by now).
  await expect(dialog.locator("label", { hasText: "Folgetermin vor Ort" }).getByText("Hidden")).toBeVisible();
  const free = eventTypeOption(dialog, title);
  await expect(free).toBeEnabled();
  await expect(dialog.getByRole("button", { name: "Link", exact: true })).toBeDisabled();
  await free.check();
  await dialog.screenshot({ path: testInfo.outputPath("link-dialog.png") });
  await dialog.getByRole("button", { name: "Link", exact: true }).click();

  await expect(toast(page, "Event type linked")).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(calcomPanel(page).getByText(String(eventTypeId))).toBeVisible();
  await expect(syncBadge(page)).toHaveText("Never synced");

  // Linked: the normal sync works against it.
  const sync = await openSyncDialog(page);
  await sync.getByRole("button", { name: "Sync now" }).click();
  await expect(toast(page, "Synced with Cal.com")).toBeVisible();
  await expect(syncBadge(page)).toHaveText("Synced");
  expect(await readTeamEventType(page.request, eventTypeId)).toEqual({ status: 200, title: name });

  // Unlinked from the edit form, amid other edits: the unlink is saved at once, and the form still saves after it.
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Description").fill("Nach dem Lösen gespeichert.");
  await page.getByRole("button", { name: "Unlink" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Unlink the Cal.com event type?" });
  await expect(confirm).toContainText("The event type stays in Cal.com");
  await confirm.getByRole("button", { name: "Unlink" }).click();
  await expect(toast(page, "Event type unlinked")).toBeVisible();
  await expect(page.getByRole("button", { name: "Link event type" })).toBeVisible();
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Service saved")).toBeVisible();

  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(calcomPanel(page).getByRole("button", { name: "Link event type" })).toBeVisible();
  await expect(calcomPanel(page).getByRole("button", { name: SYNC_BUTTON })).toBeDisabled();
  await expect(syncBadge(page)).toHaveText("Never synced");
  expect(await readTeamEventType(page.request, eventTypeId)).toEqual({ status: 200, title: name });

  // Free again in the picker.
  const again = await openLinkDialog(page);
  // The sync gave it the service's name.
  await expect(eventTypeOption(again, name)).toBeEnabled();
  await again.getByRole("button", { name: "Cancel" }).click();

  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete service" }).click();
  await expect(page.getByText("Service deleted")).toBeVisible();
});
