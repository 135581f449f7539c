import { expect, type Page, test } from "@playwright/test";
import { ADMIN, signIn, signOut } from "../support/auth";
import { openService } from "../support/services";
import { openSyncDialog, syncBadge, toast } from "../support/sync";

const OPERATOR = "operator@askpro.test";
const PRAXIS_NORD_ADMIN = "admin@praxis-nord.test";
/** The sandbox's key for Praxis Nord (demo data, as seeded). */
const PRAXIS_NORD_DEMO_KEY = "cal_test_praxis_nord";
/** Well-formed, but no Cal.com account has it: Cal.com answers 401 and the sync fails without a retry. */
const REJECTED_KEY = "cal_test_rejected_by_calcom_ops_e2e";
const REASON = "Cal.com rejected the API key (401)";
const ASKPRO_SERVICE = "30 Minuten Erstberatung";
const PRAXIS_SERVICE = "Krankengymnastik";

async function callApi(page: Page, path: string, data: unknown): Promise<void> {
  const response = await page.request.post(`/trpc/${path}`, { data });
  expect(response.status(), await response.text()).toBe(200);
}

/** Signs in, gives the company a key Cal.com rejects, syncs the service (it fails), and puts the company's key back. */
async function failSync(page: Page, admin: string, service: string, restore: (page: Page) => Promise<void>): Promise<void> {
  await signIn(page, admin);
  await callApi(page, "company.calcomKey.set", { apiKey: REJECTED_KEY });
  try {
    await openService(page, service);
    const dialog = await openSyncDialog(page);
    await dialog.getByRole("button", { name: "Sync now" }).click();
    await expect(toast(page, "Cal.com sync failed")).toContainText(REASON);
    await expect(syncBadge(page)).toHaveText("Sync failed");
  } finally {
    // The cause is fixed before anyone retries.
    await restore(page);
  }
  await signOut(page);
}

const failures = (page: Page) => page.getByRole("region", { name: /Failed syncs/ });
const companies = (page: Page) => page.getByRole("region", { name: "Companies" });

test("the operator sees both demo companies' failures with their reasons; an admin only their own; Retry and Retry all failed bring them to Synced once the cause is fixed", async ({ page }, testInfo) => {
  // Two failed syncs and four sign-ins: a long journey.
  test.setTimeout(90_000);
  await failSync(page, PRAXIS_NORD_ADMIN, PRAXIS_SERVICE, (p) => callApi(p, "company.calcomKey.set", { apiKey: PRAXIS_NORD_DEMO_KEY }));
  // AskProAI uses the global key once its own is removed.
  await failSync(page, ADMIN, ASKPRO_SERVICE, (p) => callApi(p, "company.calcomKey.clear", {}));

  await signIn(page, OPERATOR);
  await page.getByRole("link", { name: "Operations" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Operations" })).toBeVisible();
  await expect(companies(page).getByRole("rowheader")).toHaveText(["AskProAI", "Praxis Nord"]);
  // Each company's key's rate budget in its window: AskProAI has no key of its own now, so the shared one.
  const companyRow = (name: string) => companies(page).getByRole("row").filter({ hasText: name });
  await expect(companyRow("AskProAI")).toContainText("shared key");
  await expect(companyRow("Praxis Nord")).not.toContainText("shared key");
  await expect(companyRow("Praxis Nord")).toContainText(/\d+ of \d+ in this window|not used yet/);
  const praxisFailure = failures(page).getByRole("row").filter({ hasText: PRAXIS_SERVICE });
  await expect(praxisFailure).toContainText("Praxis Nord");
  await expect(praxisFailure).toContainText(REASON);
  await expect(failures(page).getByRole("row").filter({ hasText: ASKPRO_SERVICE })).toContainText(REASON);
  await page.screenshot({ path: testInfo.outputPath("operations-operator.png"), fullPage: true });
  await signOut(page);

  // An admin: their own company's row and failures, nothing of the other company.
  await signIn(page, ADMIN);
  await page.getByRole("link", { name: "Operations" }).click();
  await expect(companies(page).getByRole("rowheader")).toHaveText(["AskProAI"]);
  const ownFailure = failures(page).getByRole("row").filter({ hasText: ASKPRO_SERVICE });
  await expect(ownFailure).toContainText(REASON);
  await expect(page.getByText("Praxis Nord")).toHaveCount(0);
  await expect(page.getByText(PRAXIS_SERVICE)).toHaveCount(0);
  await page.screenshot({ path: testInfo.outputPath("operations-admin.png"), fullPage: true });

  await ownFailure.getByRole("button", { name: "Retry" }).click();
  await expect(toast(page, "Sync queued")).toBeVisible();
  await expect(failures(page).getByRole("row").filter({ hasText: ASKPRO_SERVICE })).toHaveCount(0);
  await openService(page, ASKPRO_SERVICE);
  await expect(syncBadge(page)).toHaveText("Synced");
  await signOut(page);

  // Praxis Nord's admin retries all of their company's failures (only theirs: AskProAI's seeded
  // "Folgetermin" stays failed, which later specs rely on).
  await signIn(page, PRAXIS_NORD_ADMIN);
  await page.goto("/operations");
  await expect(failures(page).getByRole("row").filter({ hasText: PRAXIS_SERVICE })).toBeVisible();
  await failures(page).getByRole("button", { name: "Retry all failed" }).click();
  await expect(toast(page, "1 sync queued")).toBeVisible();
  await expect(failures(page).getByText("No failed syncs.")).toBeVisible({ timeout: 15_000 });
  await openService(page, PRAXIS_SERVICE);
  await expect(syncBadge(page)).toHaveText("Synced");
  await signOut(page);

  await signIn(page, OPERATOR);
  await page.goto("/operations");
  await expect(failures(page).getByRole("row").filter({ hasText: "Folgetermin" })).toBeVisible();
});

test("Pause syncing holds a company's syncs (Sync pending) until Resume syncing, which sends them", async ({ page }) => {
  await signIn(page, OPERATOR);
  await page.goto("/operations");
  const askpro = companies(page).getByRole("row").filter({ hasText: "AskProAI" });
  await askpro.getByRole("button", { name: "Pause syncing" }).click();
  await expect(askpro).toContainText("Paused since");
  await signOut(page);
  try {
    await signIn(page, ADMIN);
    await openService(page, ASKPRO_SERVICE);
    const dialog = await openSyncDialog(page);
    await dialog.getByRole("button", { name: "Sync now" }).click();
    await expect(toast(page, "Sync queued")).toBeVisible();
    await expect(syncBadge(page)).toHaveText("Sync pending");
    // Held: still pending well after a sync would have ended.
    await page.waitForTimeout(3_000);
    await expect(syncBadge(page)).toHaveText("Sync pending");

    await page.getByRole("link", { name: "Operations" }).click();
    await expect(companies(page).getByRole("row").filter({ hasText: "AskProAI" })).toContainText("Paused since");
    await companies(page).getByRole("button", { name: "Resume syncing" }).click();
    await expect(companies(page).getByRole("row").filter({ hasText: "AskProAI" })).toContainText("Active");
    await openService(page, ASKPRO_SERVICE);
    await expect(syncBadge(page)).toHaveText("Synced");
  } finally {
    // Never leave the demo company paused for the specs after this one.
    const resume = () => page.request.post("/trpc/company.syncPause.set", { data: { paused: false } });
    if ((await resume()).status() === 401) {
      await signIn(page, ADMIN);
      await resume();
    }
  }
});
