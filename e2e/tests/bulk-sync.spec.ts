import { expect, type Page, test } from "@playwright/test";
import { ADMIN, signIn } from "../support/auth";
import { openService, unique } from "../support/services";

/** AskProAI's three services on Cal.com event types that exist in the sandbox. */
const THREE = ["15 Minuten Schnellberatung", "30 Minuten Erstberatung", "60 Minuten Strategieberatung"];

/** A saved edit of a sent field: Cal.com no longer holds what the service would send, so a bulk sync sends it. */
async function editDescription(page: Page, name: string): Promise<void> {
  await openService(page, name);
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Description").fill(unique("Bulk sync e2e"));
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("link", { name: "Edit" })).toBeVisible();
}

test("select three services, Sync selected: the dialog counts them, the progress reaches 3 of 3 synced", async ({ page }, testInfo) => {
  // Three edits through the form, then three syncs at the sandbox's pace.
  test.setTimeout(120_000);
  await signIn(page, ADMIN);
  for (const name of THREE) await editDescription(page, name);

  await page.goto("/services");
  for (const name of THREE) await page.getByRole("checkbox", { name: `Select ${name}` }).check();
  await expect(page.getByText("3 selected")).toBeVisible();
  await page.getByRole("button", { name: "Sync selected" }).click();

  const dialog = page.getByRole("dialog", { name: "Sync 3 services with Cal.com" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("3 services will be sent to Cal.com.");
  await expect(dialog).toContainText("at the Cal.com key's rate");
  await dialog.screenshot({ path: testInfo.outputPath("bulk-dialog.png") });
  await dialog.getByRole("button", { name: "Sync now" }).click();
  await expect(dialog).toBeHidden();

  const progress = page.getByRole("region", { name: "Bulk sync" });
  await expect(progress.getByText("3 of 3 synced")).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: testInfo.outputPath("bulk-progress.png"), fullPage: true });
  for (const name of THREE) {
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
    await expect(row.getByText("Synced", { exact: true })).toBeVisible();
  }
});

test("a selection Cal.com already holds is skipped with its reason, and nothing can be sent", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/services");
  // Never linked: not sent.
  await page.getByRole("checkbox", { name: "Select Rückruf-Service" }).check();
  await page.getByRole("button", { name: "Sync selected" }).click();
  const dialog = page.getByRole("dialog", { name: "Sync 0 services with Cal.com" });
  await expect(dialog).toContainText("1 not linked to a Cal.com event type");
  await expect(dialog.getByRole("button", { name: "Sync now" })).toBeDisabled();
});
