import { type APIRequestContext, expect, test } from "@playwright/test";
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

/** A service of AskProAI saved through the api with the page's session, as a second admin would meanwhile. */
async function createService(request: APIRequestContext, name: string, slug: string): Promise<void> {
  const response = await request.post("/trpc/service.create", {
    data: {
      name,
      slug,
      description: "",
      durationMinutes: 30,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      minimumBookingNoticeMinutes: 0,
      priceCents: 0,
      currency: "EUR",
      isActive: true,
      requiresConfirmation: false,
      disableGuests: false,
      calcomEventTypeId: null,
    },
  });
  expect(response.status(), await response.text()).toBe(200);
}

test("a slug that clashes is answered on its row, the other event type is imported, and the row is then greyed out", async ({ page }, testInfo) => {
  const stamp = Date.now().toString(36);
  const clashing = unique("E2E Import Kollision");
  const fine = unique("E2E Import Frei");
  const clashSlug = `e2e-import-clash-${stamp}`;
  await createTeamEventType(page.request, clashing, clashSlug);
  await createTeamEventType(page.request, fine, `e2e-import-free-${stamp}`);

  await page.goto("/services");
  await page.getByRole("button", { name: "Import from Cal.com" }).click();
  const dialog = page.getByRole("dialog", { name: "Import from Cal.com" });
  await dialog.getByRole("checkbox", { name: clashing }).check();
  await dialog.getByRole("checkbox", { name: fine }).check();
  // Another admin takes the slug while the dialog is open.
  const holder = unique("E2E Slug-Inhaber");
  await createService(page.request, holder, clashSlug);
  await dialog.getByRole("button", { name: "Import", exact: true }).click();

  await expect(toast(page, "1 service imported")).toBeVisible();
  const failures = dialog.getByRole("alert");
  await expect(failures).toContainText("Not imported:");
  await expect(failures).toContainText(`${clashing}: the slug ${clashSlug} is already used by another service`);
  // The imported row has left the list; the clashing one stays, now greyed out with the service holding its slug.
  await expect(dialog.getByRole("checkbox", { name: fine })).toHaveCount(0);
  await expect(dialog.getByRole("checkbox", { name: clashing })).toBeDisabled();
  await expect(dialog).toContainText(`The slug ${clashSlug} is already used by “${holder}”`);
  await dialog.screenshot({ path: testInfo.outputPath("import-dialog-clash.png") });
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
});

test("in German: „Aus Cal.com importieren“, „Alle auswählen“ and the plural in the toast", async ({ page }, testInfo) => {
  const stamp = Date.now().toString(36);
  const first = unique("E2E Import Sprechstunde");
  const second = unique("E2E Import Seminar");
  await createTeamEventType(page.request, first, `e2e-import-de-a-${stamp}`);
  await createTeamEventType(page.request, second, `e2e-import-de-b-${stamp}`);
  await page.goto("/services");
  await page.getByRole("combobox", { name: "Language" }).selectOption("de");
  try {
    await page.getByRole("button", { name: "Aus Cal.com importieren" }).click();
    const dialog = page.getByRole("dialog", { name: "Aus Cal.com importieren" });
    await expect(dialog.getByRole("checkbox", { name: "Alle auswählen" })).toBeVisible();
    await dialog.getByRole("checkbox", { name: first }).check();
    await dialog.getByRole("checkbox", { name: second }).check();
    await dialog.screenshot({ path: testInfo.outputPath("import-dialog-de.png") });
    await dialog.getByRole("button", { name: "Importieren", exact: true }).click();
    await expect(toast(page, "2 Dienstleistungen importiert")).toBeVisible();
  } finally {
    await page.getByRole("combobox", { name: "Sprache" }).selectOption("en");
  }
});
