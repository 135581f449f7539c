import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "../support/auth";
import { openService, QUICK_CONSULTATION, unique } from "../support/services";

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN);
});

test("the list shows the company's services with their sync status", async ({ page }) => {
  await expect(page.getByRole("heading", { level: 1, name: "Services" })).toBeVisible();
  await expect(page.getByRole("link", { name: QUICK_CONSULTATION, exact: true })).toBeVisible();
  // "Sync pending" is checked in seeded-state.spec.ts: the seeded pending service does not stay pending.
  for (const badge of ["Synced", "Never synced", "Sync failed"]) {
    await expect(page.getByText(badge, { exact: true }).filter({ visible: true }).first()).toBeVisible();
  }
  // Another company's services never show up.
  await expect(page.getByRole("link", { name: "Krankengymnastik" })).toHaveCount(0);
});

test("search and status filter narrow the list and live in the URL", async ({ page }) => {
  await page.getByRole("searchbox", { name: "Search" }).fill("Schnell");
  await expect(page).toHaveURL(/q=Schnell/);
  await expect(page.getByRole("link", { name: QUICK_CONSULTATION, exact: true })).toBeVisible();
  await expect(page.getByText("1 service", { exact: true })).toBeVisible();

  await page.getByRole("searchbox", { name: "Search" }).fill("");
  await page.getByRole("combobox", { name: "Status" }).selectOption({ label: "Sync failed" });
  await expect(page).toHaveURL(/status=error/);
  await expect(page.getByRole("link", { name: QUICK_CONSULTATION, exact: true })).toHaveCount(0);
  await expect(page.getByText("Sync failed", { exact: true }).filter({ visible: true }).first()).toBeVisible();

  await page.getByRole("searchbox", { name: "Search" }).fill("no service is called like this");
  await expect(page.getByRole("heading", { name: "No services match" })).toBeVisible();
  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect(page.getByRole("link", { name: QUICK_CONSULTATION, exact: true })).toBeVisible();
});

test("the view page shows every field and the Cal.com panel", async ({ page }) => {
  await openService(page, QUICK_CONSULTATION);
  const details = page.getByRole("region", { name: "Details" });
  await expect(details.getByText("15 min", { exact: true })).toBeVisible();
  await expect(details.getByText("15-minuten-schnellberatung")).toBeVisible();

  const calcom = page.getByRole("region", { name: "Cal.com" });
  const eventType = calcom.getByRole("link", { name: /Open event type 3664712 in Cal\.com/ });
  await expect(eventType).toHaveAttribute("href", /3664712/);
  await expect(eventType).toHaveAttribute("target", "_blank");
  await expect(eventType).toHaveAttribute("rel", /noopener/);
  await expect(calcom.getByText("Synced", { exact: true })).toBeVisible();
});

test("an admin changes the description and it stays saved", async ({ page }) => {
  const description = unique("Kurzes Telefonat, geändert im e2e-Test");
  await openService(page, QUICK_CONSULTATION);
  await page.getByRole("link", { name: "Edit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Edit service" })).toBeVisible();

  await page.getByLabel("Description").fill(description);
  await page.getByRole("button", { name: "Save changes" }).click();

  await expect(page.getByText("Service saved")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: QUICK_CONSULTATION })).toBeVisible();
  // In the details; the edit history below names the new description too, once it has loaded.
  const details = page.getByRole("region", { name: "Details" });
  await expect(details.getByText(description)).toBeVisible();

  await page.reload();
  await expect(details.getByText(description)).toBeVisible();
});

test("invalid input shows field errors and keeps everything typed", async ({ page }) => {
  await openService(page, QUICK_CONSULTATION);
  const serviceUrl = page.url();
  await page.getByRole("link", { name: "Edit" }).click();

  await page.getByLabel("Name").fill("");
  await page.getByLabel("Duration").fill("1000");
  await page.getByLabel("Slug").fill("slug with spaces");
  await page.getByLabel("Description").fill("typed before the errors");
  await page.getByRole("button", { name: "Save changes" }).click();

  await expect(page.getByText("Please correct the highlighted fields.")).toBeVisible();
  await expect(page.getByText("Enter a name of 1 to 120 characters.")).toBeVisible();
  await expect(page.getByText("Enter a whole number of minutes from 5 to 720.")).toBeVisible();
  await expect(page.getByText(/Use only lowercase letters, digits and dashes/)).toBeVisible();
  await expect(page.getByLabel("Name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Name")).toBeFocused();

  // Nothing typed is lost...
  await expect(page.getByLabel("Duration")).toHaveValue("1000");
  await expect(page.getByLabel("Slug")).toHaveValue("slug with spaces");
  await expect(page.getByLabel("Description")).toHaveValue("typed before the errors");
  await expect(page).toHaveURL(/\/edit$/);

  // ...and leaving asks first.
  await page.getByRole("link", { name: "Cancel" }).click();
  const leave = page.getByRole("alertdialog", { name: "Discard unsaved changes?" });
  await expect(leave).toBeVisible();
  await leave.getByRole("button", { name: "Keep editing" }).click();
  await expect(page.getByLabel("Slug")).toHaveValue("slug with spaces");
  await page.getByRole("link", { name: "Cancel" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Discard changes" }).click();

  // Nothing invalid was saved.
  await expect(page).toHaveURL(serviceUrl);
  await expect(page.getByRole("heading", { level: 1, name: QUICK_CONSULTATION })).toBeVisible();
  await expect(page.getByRole("region", { name: "Details" }).getByText("15 min", { exact: true })).toBeVisible();
});
