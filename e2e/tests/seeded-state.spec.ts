import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "../support/auth";
import { openService } from "../support/services";
import { calcomPanel, syncBadge } from "../support/sync";

// Runs first (its own project): "Vor-Ort-Termin" is seeded pending without a job, and the worker's
// reconciler queues it again two minutes after seeding, after which it is no longer pending.

test("a service seeded as pending shows Sync pending in the list and on its page, and cannot be synced again", async ({ page }) => {
  await signIn(page, ADMIN);
  await expect(page.getByText("Sync pending", { exact: true }).filter({ visible: true }).first()).toBeVisible();

  await openService(page, "Vor-Ort-Termin");
  await expect(syncBadge(page)).toHaveText("Sync pending");
  const button = calcomPanel(page).getByRole("button", { name: "Sync pending" });
  await expect(button).toBeDisabled();
  await button.click({ force: true });
  await expect(page.getByRole("dialog")).toHaveCount(0);
});
