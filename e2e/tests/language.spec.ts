import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "../support/auth";

test("the whole interface switches to German and the choice is remembered", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.getByRole("combobox", { name: "Language" }).selectOption("de");

  await expect(page.getByRole("heading", { level: 1, name: "Dienstleistungen" })).toBeVisible();
  await expect(page.getByText("Synchronisiert", { exact: true }).filter({ visible: true }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Abmelden" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Dienstleistungen" })).toBeVisible();

  await page.getByRole("combobox", { name: "Sprache" }).selectOption("en");
  await expect(page.getByRole("heading", { level: 1, name: "Services" })).toBeVisible();
});
