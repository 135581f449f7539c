import { expect, type Page, type Route, test } from "@playwright/test";
import { ADMIN, signIn } from "../support/auth";
import { createTeamEventType, deleteTeamEventType, linkViaDialog } from "../support/link";
import { openService, QUICK_CONSULTATION, unique } from "../support/services";
import {
  calcomPanel,
  countSyncCalls,
  fieldRow,
  historyCount,
  historyRows,
  openSyncDialog,
  recordBadgeTexts,
  SYNC_BUTTON,
  syncBadge,
  syncHistory,
  toast,
} from "../support/sync";

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN);
});

test("the dialog shows what will be sent and what not; the sync goes from Sync pending to Synced without a reload", async ({ page }) => {
  // A new description, so that the dialog has a change to show next to unchanged fields.
  const description = unique("Kurzes Telefonat, vor dem Sync geändert");
  await openService(page, QUICK_CONSULTATION);
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Description").fill(description);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Service saved")).toBeVisible();
  const before = await historyCount(page);

  let dialog = await openSyncDialog(page);
  await expect(dialog).toContainText(`“${QUICK_CONSULTATION}”`);
  await expect(dialog).toContainText("Team 39203");
  await expect(fieldRow(dialog, "Name")).toContainText(QUICK_CONSULTATION);
  await expect(fieldRow(dialog, "Duration")).toContainText("15 min");
  await expect(fieldRow(dialog, "Buffer before")).toContainText("0 min");
  await expect(fieldRow(dialog, "Buffer after")).toContainText("5 min");
  for (const field of ["Name", "Slug", "Duration", "Buffer before", "Buffer after"]) {
    await expect(fieldRow(dialog, field)).toContainText("unchanged");
  }
  const changed = fieldRow(dialog, "Description");
  await expect(changed).toContainText(description);
  await expect(changed).toContainText("changes");
  await expect(changed).not.toContainText("unchanged");
  await expect(changed).toHaveClass(/is-changed/);
  const notSent = dialog.getByRole("region", { name: "Not sent to Cal.com" });
  await expect(notSent).toContainText("Cal.com's API v2 has no price input.");
  await expect(notSent).toContainText("In Cal.com now: €0.00");

  // Keyboard: focus stays inside the dialog, Escape cancels and nothing is queued.
  for (let step = 0; step < 4; step++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(calcomPanel(page).getByRole("button", { name: SYNC_BUTTON })).toBeFocused();
  expect(await historyCount(page)).toBe(before);

  const badgeTexts = await recordBadgeTexts(page);
  dialog = await openSyncDialog(page);
  await dialog.getByRole("button", { name: "Sync now" }).click();
  await expect(dialog).toBeHidden();
  await expect(toast(page, "Sync queued")).toBeVisible();
  await expect(toast(page, "Synced with Cal.com")).toBeVisible();
  await expect(syncBadge(page)).toHaveText("Synced");
  expect(await badgeTexts()).toEqual(["Synced", "Sync pending", "Synced"]);

  await expect(historyRows(page)).toHaveCount(before + 1);
  const latest = historyRows(page).first();
  await expect(latest).toContainText(ADMIN);
  await expect(latest).toContainText("Succeeded");
  await expect(latest).toContainText("200");
  await expect(calcomPanel(page).getByText("Last synced")).toBeVisible();

  // Cal.com now holds the new description.
  dialog = await openSyncDialog(page);
  await expect(fieldRow(dialog, "Description")).toContainText("unchanged");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
});

test("without a linked event type the button is disabled and says why", async ({ page }) => {
  await openService(page, "Rückruf-Service");
  const button = calcomPanel(page).getByRole("button", { name: SYNC_BUTTON });
  const reason = "No Cal.com event type linked: link one with “Link event type”, or create one with “Create in Cal.com”";
  await expect(button).toBeDisabled();
  await expect(button).toHaveAccessibleDescription(reason);
  await expect(calcomPanel(page).getByText(reason)).toBeVisible();
  await button.click({ force: true });
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(syncHistory(page)).toContainText("This service has not been synced yet.");
});

/** service.sync, as httpBatchLink sends it. */
const SYNC_REQUEST = /\/trpc\/service\.sync\?/;

async function startToast(page: Page): Promise<string> {
  const started = page.locator("[data-sonner-toast] [data-title]").getByText(/^(Sync queued|Sync already in progress)$/);
  await expect(started).toHaveCount(1);
  return (await started.textContent()) ?? "";
}

test("two admins confirming at the same instant start one sync; the second is told it is already in progress", async ({ page, context }) => {
  await openService(page, "30 Minuten Erstberatung");
  const other = await context.newPage();
  await other.goto(page.url());
  const before = await historyCount(page);

  // Two clicks are never quite simultaneous (each tab renders on its own), and a sync job can finish
  // within milliseconds. So each tab's service.sync request is held, unchanged, until both have been
  // sent, and then both go to the api together, as two admins clicking in the same instant.
  const held: Route[] = [];
  let releaseBoth = () => {};
  const bothSent = new Promise<void>((resolve) => {
    releaseBoth = resolve;
  });
  for (const tab of [page, other]) {
    await tab.route(SYNC_REQUEST, (route) => {
      held.push(route);
      if (held.length === 2) releaseBoth();
    });
  }
  for (const tab of [page, other]) {
    const dialog = await openSyncDialog(tab);
    await dialog.getByRole("button", { name: "Sync now" }).click();
  }
  await bothSent;
  await Promise.all(held.map((route) => route.continue()));

  // The database claims the sync for one request; the other finds it pending.
  const outcomes = await Promise.all([page, other].map(startToast));
  expect(outcomes.toSorted()).toEqual(["Sync already in progress", "Sync queued"]);
  for (const tab of [page, other]) {
    await expect(syncBadge(tab)).toHaveText("Synced");
    await expect(toast(tab, "Synced with Cal.com")).toBeVisible();
  }
  await expect(historyRows(page)).toHaveCount(before + 1);
  await other.close();
});

test("a rapid double click on Sync now sends one request and records one sync", async ({ page }) => {
  await openService(page, "60 Minuten Strategieberatung");
  const before = await historyCount(page);
  const syncCalls = countSyncCalls(page);

  const dialog = await openSyncDialog(page);
  await dialog.getByRole("button", { name: "Sync now" }).dblclick();
  await expect(toast(page, "Synced with Cal.com")).toBeVisible();
  await expect(syncBadge(page)).toHaveText("Synced");
  await expect(historyRows(page)).toHaveCount(before + 1);
  expect(syncCalls()).toBe(1);
  await expect(toast(page, "Sync queued")).toHaveCount(1);
  await expect(toast(page, "Sync already in progress")).toHaveCount(0);
});

test("a service name with markup stays text in the list, the page, the dialog and the toasts", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const name = `<img src=x onerror=alert(1)> ${Date.now().toString(36)}`;
  const title = unique("E2E Markup-Termin");

  await page.getByRole("link", { name: /New service/ }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Duration").fill("20");
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByText("Service created")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);

  // Linked to an event type that is then deleted in Cal.com: the preview cannot read it and the sync fails (404).
  const eventTypeId = await createTeamEventType(page.request, title, `e2e-markup-${Date.now().toString(36)}`);
  await openService(page, name);
  await linkViaDialog(page, title);
  await deleteTeamEventType(page.request, eventTypeId);
  const dialog = await openSyncDialog(page);
  await expect(dialog).toContainText(`“${name}”`);
  await expect(fieldRow(dialog, "Name")).toContainText(name);
  await expect(dialog.getByRole("note")).toHaveText(
    `Cal.com could not be read (Event type ${eventTypeId} not found in Cal.com (404)). You can still sync.`,
  );
  await dialog.getByRole("button", { name: "Sync now" }).click();
  await expect(toast(page, "Sync queued")).toContainText(name);
  await expect(toast(page, "Cal.com sync failed")).toContainText(`Event type ${eventTypeId} not found in Cal.com (404)`);
  await expect(syncBadge(page)).toHaveText("Sync failed");

  // The event type is already gone from Cal.com, so it is kept: nothing to send, the service goes at once.
  await page.getByRole("button", { name: "Delete", exact: true }).click();
  const deleteDialog = page.getByRole("alertdialog", { name: "Delete this service?" });
  await expect(deleteDialog).toContainText(name);
  await expect(deleteDialog).toContainText(`And its Cal.com event type ${eventTypeId}?`);
  await deleteDialog.getByRole("radio", { name: /Keep it in Cal.com/ }).check();
  await deleteDialog.getByRole("button", { name: "Delete service" }).click();
  await expect(page.getByText("Service deleted")).toBeVisible();

  await expect(page.locator("img[src='x']")).toHaveCount(0);
  expect(dialogs).toEqual([]);
});
