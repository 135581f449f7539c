import { expect, test } from "@playwright/test";
import { VIEWER, signIn, signOut } from "../support/auth";
import { openService, QUICK_CONSULTATION } from "../support/services";
import { historyCount, syncBadge, syncHistory } from "../support/sync";

test("a viewer reads everything and sees no create, edit or delete controls", async ({ page }) => {
  await signIn(page, VIEWER);
  await expect(page.getByText("Viewer", { exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: QUICK_CONSULTATION, exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: /New service/ })).toHaveCount(0);

  await openService(page, QUICK_CONSULTATION);
  await expect(page.getByRole("region", { name: "Cal.com" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Delete" })).toHaveCount(0);
  // The sync status and its history, but no way to start a sync.
  await expect(syncBadge(page)).toHaveText("Synced");
  await expect(syncHistory(page)).toBeVisible();
  expect(await historyCount(page)).toBeGreaterThan(0);
  await expect(page.getByRole("button", { name: "Sync with Cal.com" })).toHaveCount(0);

  // Typing the edit address directly gives a read-only note, not a form.
  // The page's address may carry the list's search (?q=...), which must stay after the path.
  await page.goto(`${new URL(page.url()).pathname}/edit`);
  await expect(page.getByRole("heading", { name: "Read-only access" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  await page.goto("/services/new");
  await expect(page.getByRole("heading", { name: "Read-only access" })).toBeVisible();

  await signOut(page);
});
