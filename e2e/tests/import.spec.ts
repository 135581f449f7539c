import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "../support/auth";
import { createTeamEventType } from "../support/link";
import { unique } from "../support/services";
import { toast } from "../support/sync";

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN);
});

test("an admin imports two event types from Cal.com and finds them in the list as Synced", async ({ page }, testInfo) => {
  const stamp = Date.now().toString(36);
  const first = unique("E2E Import Beratung");
  const second = unique("E2E Import Workshop");
  await createTeamEventType(page.request, first, `e2e-import-a-${stamp}`);
  await createTeamEventType(page.request, second, `e2e-import-b-${stamp}`);

  await page.goto("/services");
  await page.getByRole("button", { name: "Import from Cal.com" }).click();
  const dialog = page.getByRole("dialog", { name: "Import from Cal.com" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Cal.com team 39203");
  // Linked event types are not offered: the demo's synced service already has its own.
  await expect(dialog.getByRole("checkbox", { name: "15 Minuten Schnellberatung" })).toHaveCount(0);
  const import_ = dialog.getByRole("button", { name: "Import", exact: true });
  await expect(import_).toBeDisabled();

  // "Select all" chooses every row (other specs may have left event types unlinked), and clears them again.
  const selectAll = dialog.getByRole("checkbox", { name: "Select all" });
  await selectAll.check();
  await expect(dialog.getByRole("checkbox", { name: first })).toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: second })).toBeChecked();
  await selectAll.uncheck();
  await expect(dialog.getByRole("checkbox", { name: first })).not.toBeChecked();

  await dialog.getByRole("checkbox", { name: first }).check();
  await dialog.getByRole("checkbox", { name: second }).check();
  await expect(import_).toBeEnabled();
  await dialog.screenshot({ path: testInfo.outputPath("import-dialog.png") });
  await import_.click();

  await expect(toast(page, "2 services imported")).toBeVisible();
  await expect(dialog).toBeHidden();

  await page.getByRole("searchbox").fill("E2E Import");
  for (const name of [first, second]) {
    const row = page.getByRole("row").filter({ has: page.getByRole("link", { name, exact: true }) });
    await expect(row).toBeVisible();
    await expect(row).toContainText("Synced");
    await expect(row).toContainText("25 min");
  }

  // Imported, they are linked: the dialog no longer offers them.
  await page.getByRole("button", { name: "Import from Cal.com" }).click();
  await expect(dialog.getByRole("checkbox", { name: "Select all" }).or(dialog.getByText("already linked to a service"))).toBeVisible();
  await expect(dialog.getByRole("checkbox", { name: first })).toHaveCount(0);
});
