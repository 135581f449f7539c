import { expect, type Page, test } from "@playwright/test";
import { ADMIN, signIn } from "../support/auth";

const connectionCard = (page: Page) => page.getByRole("region", { name: "Cal.com connection" });
const keyCard = (page: Page) => page.getByRole("region", { name: "Cal.com API key" });

test("the settings say whose Cal.com key is in use, and Test connection says plainly when a key does not work", async ({ page }, testInfo) => {
  // A well-formed key the sandbox does not know: Cal.com answers 401.
  const revoked = `cal_live_e2e_${Date.now().toString(36)}_revoked`;
  await signIn(page, ADMIN);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  const card = connectionCard(page);
  await expect(card).toContainText("askproai (cal@askproai.test)");
  await expect(card).toContainText(/Team 39203, \d+ event types/);
  await expect(card).toContainText("Connection works");
  await card.screenshot({ path: testInfo.outputPath("connection-works.png") });

  // AskProAI uses the global key; other specs rely on that, so the finally block puts it back.
  try {
    await keyCard(page).getByLabel("New API key").fill(revoked);
    await keyCard(page).getByRole("button", { name: "Save key" }).click();
    await expect(keyCard(page)).toContainText("Company key ending in");
    // Saving another key tests the connection again by itself.
    await expect(card).toContainText("Connection does not work");
    await expect(card).toContainText("Cal.com rejected the API key: it is wrong or was revoked.");
    await expect(card).toContainText("Cal.com rejected the API key (401)");
    await expect(card).toContainText("Not known until the connection works");
    await card.screenshot({ path: testInfo.outputPath("connection-invalid-key.png") });
  } finally {
    const remove = keyCard(page).getByRole("button", { name: "Remove company key" });
    if (await remove.isVisible()) {
      await remove.click();
      await page.getByRole("alertdialog").getByRole("button", { name: "Remove key" }).click();
    }
  }
  await expect(keyCard(page)).toContainText("Using the gateway's global key");
  await card.getByRole("button", { name: "Test connection" }).click();
  await expect(card).toContainText("Connection works");
  await expect(card).toContainText("askproai (cal@askproai.test)");
});
