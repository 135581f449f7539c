import { expect, type Page, test } from "@playwright/test";
import { signIn } from "../support/auth";
import { openService } from "../support/services";
import { calcomPanel, historyRows, openSyncDialog, syncBadge, syncHistory, toast } from "../support/sync";

const PRAXIS_NORD_ADMIN = "admin@praxis-nord.test";
/** The sandbox's key for Praxis Nord (demo data, as seeded). */
const PRAXIS_NORD_DEMO_KEY = "cal_test_praxis_nord";
/** Well-formed, but no Cal.com account has it: Cal.com answers 401. */
const REJECTED_KEY = "cal_test_rejected_by_calcom_e2e";

/** Set through the api (the settings page has its own spec): this spec is about what a sync does with a bad key. */
async function setCompanyCalcomKey(page: Page, apiKey: string): Promise<void> {
  const response = await page.request.post("/trpc/company.calcomKey.set", { data: { apiKey } });
  expect(response.status(), await response.text()).toBe(200);
}

test("a sync with an API key Cal.com rejects ends Sync failed, with the reason in the panel, a toast and the history", async ({ page }) => {
  // The failure exercised: 401 Unauthorized for an unknown key, which the worker does not retry.
  await signIn(page, PRAXIS_NORD_ADMIN);
  await setCompanyCalcomKey(page, REJECTED_KEY);
  try {
    await openService(page, "Krankengymnastik");
    const reason = "Cal.com rejected the API key (401)";

    const dialog = await openSyncDialog(page);
    await expect(dialog.getByRole("note")).toHaveText(`Cal.com could not be read (${reason}). You can still sync.`);
    await dialog.getByRole("button", { name: "Sync now" }).click();
    await expect(toast(page, "Sync queued")).toBeVisible();
    await expect(toast(page, "Cal.com sync failed")).toContainText(reason);
    await expect(syncBadge(page)).toHaveText("Sync failed");
    await expect(calcomPanel(page).getByText("Last error")).toBeVisible();
    await expect(calcomPanel(page)).toContainText(reason);

    const latest = historyRows(page).first();
    await expect(latest).toContainText(PRAXIS_NORD_ADMIN);
    await expect(latest).toContainText("Failed");
    await expect(latest).toContainText("401");
    await expect(latest).toContainText(reason);
    await latest.getByRole("button", { name: "Show 1 HTTP attempt" }).click();
    const log = syncHistory(page).getByRole("list", { name: /HTTP requests to Cal\.com/ }).filter({ visible: true });
    await expect(log).toContainText("#1");
    await expect(log).toContainText("HTTP status: 401");
    await latest.getByRole("button", { name: "Hide 1 HTTP attempt" }).click();
    await expect(log).toHaveCount(0);
  } finally {
    await setCompanyCalcomKey(page, PRAXIS_NORD_DEMO_KEY);
  }
});
