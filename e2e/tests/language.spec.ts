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

  // The sync dialog too.
  await page.getByRole("link", { name: "15 Minuten Schnellberatung", exact: true }).first().click();
  await expect(page.getByRole("heading", { name: "Synchronisierungsverlauf" })).toBeVisible();
  await page.getByRole("button", { name: "Mit Cal.com synchronisieren" }).click();
  const dialog = page.getByRole("dialog", { name: "Dienstleistung mit Cal.com synchronisieren" });
  await expect(dialog.getByRole("region", { name: "Nicht an Cal.com gesendet" })).toContainText("Die API v2 von Cal.com hat kein Eingabefeld für den Preis.");
  await expect(dialog.getByRole("rowheader", { name: "Puffer danach" })).toBeVisible();
  await dialog.getByRole("button", { name: "Abbrechen" }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole("link", { name: "Alle Dienstleistungen" }).click();

  await page.getByRole("combobox", { name: "Sprache" }).selectOption("en");
  await expect(page.getByRole("heading", { level: 1, name: "Services" })).toBeVisible();
});
