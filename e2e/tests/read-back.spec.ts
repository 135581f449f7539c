import { expect, type Page, test } from "@playwright/test";
import { signIn } from "../support/auth";
import { openService } from "../support/services";
import { calcomPanel, openSyncDialog, syncBadge, toast } from "../support/sync";

const PRAXIS_NORD_ADMIN = "admin@praxis-nord.test";
/** No other spec syncs it. */
const MANUAL_THERAPY = "Manuelle Therapie";
const PRAXIS_NORD_TEAM = 39204;
const MANUAL_THERAPY_EVENT_TYPE = 3664803;
/** The e2e stack's sandbox (scripts/stack.ts), or the one E2E_CALCOM_SANDBOX_URL names next to E2E_BASE_URL. */
const SANDBOX_URL = process.env.E2E_CALCOM_SANDBOX_URL ?? "http://127.0.0.1:4311";
const IGNORED_FIELDS = `${SANDBOX_URL}/__sandbox/ignored-fields`;

/** What the sandbox holds now, read as anyone may (the team list is public in Cal.com's spec). */
async function calcomNotice(page: Page): Promise<number> {
  const response = await page.request.get(`${SANDBOX_URL}/v2/teams/${PRAXIS_NORD_TEAM}/event-types`);
  const { data } = (await response.json()) as { data: Array<{ id: number; minimumBookingNotice: number }> };
  const eventType = data.find(({ id }) => id === MANUAL_THERAPY_EVENT_TYPE);
  if (!eventType) throw new Error(`the sandbox has no event type ${MANUAL_THERAPY_EVENT_TYPE}`);
  return eventType.minimumBookingNotice;
}

async function setNotice(page: Page, minutes: number): Promise<void> {
  await page.getByRole("link", { name: "Edit" }).click();
  await page.getByLabel("Minimum booking notice").fill(String(minutes));
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Service saved")).toBeVisible();
}

async function syncNow(page: Page): Promise<void> {
  const dialog = await openSyncDialog(page);
  await dialog.getByRole("button", { name: "Sync now" }).click();
  await expect(dialog).toBeHidden();
}

test("a field Cal.com answers 200 to but keeps is named, and the service is not Synced", async ({ page }, testInfo) => {
  await signIn(page, PRAXIS_NORD_ADMIN);
  await openService(page, MANUAL_THERAPY);
  // A value no earlier run against the same stack can have left in the sandbox.
  const calcomHas = await calcomNotice(page);
  const sent = calcomHas + 1 + (Date.now() % 500);
  await setNotice(page, sent);
  const ignore = await page.request.put(IGNORED_FIELDS, { data: { eventTypeId: MANUAL_THERAPY_EVENT_TYPE, field: "minimumBookingNotice" } });
  expect(ignore.status(), await ignore.text()).toBe(200);
  try {
    await syncNow(page);
    await expect(toast(page, "Sync queued")).toBeVisible();
    // Worded by the page from the stored code, with the field's label and both values.
    const field = `Minimum booking notice (sent ${sent}, Cal.com has ${calcomHas})`;
    await expect(toast(page, "Cal.com did not apply every field")).toContainText(`Cal.com did not apply: ${field}`);
    await expect(toast(page, "Cal.com sync failed")).toHaveCount(0);
    await expect(syncBadge(page)).toHaveText("Sync failed");
    const unapplied = calcomPanel(page).getByRole("list", { name: "Cal.com did not apply these fields" });
    await expect(unapplied.getByRole("listitem")).toHaveText([`${field} (minimumBookingNotice)`]);
    await calcomPanel(page).screenshot({ path: testInfo.outputPath("unapplied-field.png") });

    // The field and the reason in the reader's language.
    await page.getByRole("combobox", { name: "Language" }).selectOption("de");
    const unappliedDe = page.getByRole("region", { name: "Cal.com", exact: true }).getByRole("list", { name: "Diese Felder hat Cal.com nicht übernommen" });
    await expect(unappliedDe.getByRole("listitem")).toHaveText([`Mindestvorlaufzeit (gesendet ${sent}, in Cal.com ${calcomHas}) (minimumBookingNotice)`]);
    await page.getByRole("combobox", { name: "Sprache" }).selectOption("en");
    await expect(unapplied).toBeVisible();
  } finally {
    await page.request.delete(IGNORED_FIELDS);
  }
  expect(await calcomNotice(page)).toBe(calcomHas);

  // Once Cal.com takes the field, the same sync ends Synced and the list is gone.
  await syncNow(page);
  await expect(toast(page, "Synced with Cal.com")).toBeVisible();
  await expect(syncBadge(page)).toHaveText("Synced");
  await expect(calcomPanel(page).getByRole("list", { name: "Cal.com did not apply these fields" })).toHaveCount(0);
  expect(await calcomNotice(page)).toBe(sent);
});
