import { expect, type Locator, type Page } from "@playwright/test";

export const SYNC_BUTTON = "Sync with Cal.com";
export const SYNC_DIALOG = "Sync service with Cal.com";

export const calcomPanel = (page: Page) => page.getByRole("region", { name: "Cal.com", exact: true });
/** The status badge in the Cal.com panel (the button may say "Sync pending" too). */
export const syncBadge = (page: Page) => calcomPanel(page).locator(".badge");
export const syncHistory = (page: Page) => page.getByRole("region", { name: "Sync history" });
/** One row per queued sync; the expanded HTTP log rows are not counted. */
export const historyRows = (page: Page) => syncHistory(page).locator("table tbody tr:not(.sync-history__log-row)");

/** A toast by its exact title (sonner renders the title and the description in separate elements). */
export const toast = (page: Page, title: string) =>
  page.locator("[data-sonner-toast]").filter({ has: page.locator("[data-title]").getByText(title, { exact: true }) });

/** The number of syncs in the history, once it has loaded. */
export async function historyCount(page: Page): Promise<number> {
  await expect(syncHistory(page)).toBeVisible();
  await expect(syncHistory(page).getByRole("status")).toHaveCount(0);
  return historyRows(page).count();
}

/** Opens the confirm dialog and waits until it has read Cal.com (Sync now is enabled then). */
export async function openSyncDialog(page: Page): Promise<Locator> {
  await calcomPanel(page).getByRole("button", { name: SYNC_BUTTON }).click();
  const dialog = page.getByRole("dialog", { name: SYNC_DIALOG });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Sync now" })).toBeEnabled();
  return dialog;
}

/** A row of the dialog's "Sent to Cal.com" table, by the field's name. */
export const fieldRow = (dialog: Locator, field: string) =>
  dialog.getByRole("row").filter({ has: dialog.page().getByRole("rowheader", { name: field, exact: true }) });

/**
 * Records every text the status badge shows from now on, however briefly: a poll may replace
 * "Sync pending" within half a second, faster than assertions look.
 */
export async function recordBadgeTexts(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const seen: string[] = [];
    const read = () => {
      const text = document.querySelector('[aria-labelledby="calcom-title"] .badge')?.textContent ?? "";
      if (seen.at(-1) !== text) seen.push(text);
    };
    read();
    new MutationObserver(read).observe(document.body, { subtree: true, childList: true, characterData: true });
    (window as unknown as { badgeTexts: string[] }).badgeTexts = seen;
  });
  return () => page.evaluate(() => [...(window as unknown as { badgeTexts: string[] }).badgeTexts]);
}

/** Counts the service.sync calls the page sends (tRPC may batch several into one request). */
export function countSyncCalls(page: Page): () => number {
  let calls = 0;
  page.on("request", (request) => {
    const { pathname } = new URL(request.url());
    if (!pathname.startsWith("/trpc/")) return;
    calls += pathname
      .slice("/trpc/".length)
      .split(",")
      .filter((procedure) => procedure === "service.sync").length;
  });
  return () => calls;
}
