import { expect, test } from "@playwright/test";
import { ADMIN, signIn, signOut, VIEWER } from "../support/auth";
import { openService, unique } from "../support/services";

const SERVICE = "Rückruf-Service";

test("an edit shows in the service's edit history with the field, both values and its author, for the viewer too", async ({ page }) => {
  await signIn(page, ADMIN);
  await openService(page, SERVICE);
  await page.getByRole("link", { name: "Edit" }).click();
  const previous = await page.getByLabel("Description").inputValue();
  const text = unique("Rückruf zur Wunschzeit");
  await page.getByLabel("Description").fill(text);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Service saved")).toBeVisible();
  await openService(page, SERVICE);

  const history = page.getByRole("region", { name: "Edit history" });
  const latest = history.getByRole("listitem").first();
  await expect(latest).toContainText(`Changed by ${ADMIN}`);
  const row = latest.getByRole("row", { name: /Description/ });
  await expect(row).toContainText(text);
  await expect(row).toContainText(previous || "(empty)");
  await history.scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath("edit-history.png"), fullPage: true });

  await signOut(page);
  await signIn(page, VIEWER);
  await openService(page, SERVICE);
  await expect(page.getByRole("region", { name: "Edit history" }).getByRole("row", { name: /Description/ }).first()).toContainText(text);
});
