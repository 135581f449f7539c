import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "../support/auth";
import { unique } from "../support/services";

test("an admin creates a service, then deletes it after confirming", async ({ page }) => {
  const name = unique("E2E Beratung");
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: /New service/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "New service" })).toBeVisible();

  await page.getByLabel("Name").fill(name);
  // The slug is suggested from the name.
  await expect(page.getByLabel("Slug")).toHaveValue(/^e2e-beratung-[a-z0-9]+$/);
  await page.getByLabel("Duration").fill("45");
  await page.getByLabel("Price").fill("39,50");
  await page.getByRole("button", { name: "Create service" }).click();

  await expect(page.getByText("Service created")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const details = page.getByRole("region", { name: "Details" });
  await expect(details.getByText("45 min", { exact: true })).toBeVisible();
  await expect(details.getByText("€39.50")).toBeVisible();
  await expect(page.getByRole("region", { name: "Cal.com" }).getByText("Never synced")).toBeVisible();

  // Escape cancels the confirmation; nothing is deleted.
  await page.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Delete this service?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(name);
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Delete service" }).click();
  await expect(page.getByText("Service deleted")).toBeVisible();
  await expect(page).toHaveURL(/\/services$/);
  await page.getByRole("searchbox", { name: "Search" }).fill(name);
  await expect(page.getByRole("heading", { name: "No services match" })).toBeVisible();
});

test("a duplicate slug is refused with the reason, and the form keeps its input", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/services/new");
  await page.getByLabel("Name").fill("Noch eine Schnellberatung");
  await page.getByLabel("Slug").fill("15-minuten-schnellberatung");
  await page.getByRole("button", { name: "Create service" }).click();

  await expect(page.getByRole("alert").filter({ hasText: /slug .*already used/i })).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveValue("Noch eine Schnellberatung");
  await expect(page).toHaveURL(/\/services\/new$/);
});
