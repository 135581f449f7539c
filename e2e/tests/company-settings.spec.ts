import { expect, type Page, test } from "@playwright/test";
import { ADMIN, signIn, VIEWER } from "../support/auth";
import { toast } from "../support/sync";

const GLOBAL_KEY_IN_USE = "Using the gateway's global key";
const FORMAT_ERROR = "A Cal.com API key starts with cal_ or cal_live_ and has only letters, digits and underscores.";

const keyCard = (page: Page) => page.getByRole("region", { name: "Cal.com API key" });
const keyInput = (page: Page) => keyCard(page).getByLabel("New API key");

/** Every response body the page receives from now on, to search them for the key. */
function collectResponseBodies(page: Page): () => Promise<{ url: string; body: string }[]> {
  const bodies: Promise<{ url: string; body: string }>[] = [];
  page.on("response", (response) => {
    // Redirects and aborted responses have no body to read.
    bodies.push(response.text().then((body) => ({ url: response.url(), body }), () => ({ url: response.url(), body: "" })));
  });
  return () => Promise.all(bodies);
}

async function openSettings(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { level: 1, name: "Company settings" })).toBeVisible();
}

test("an admin replaces the company's Cal.com key, sees only its last 4 characters, and removes it again", async ({ page }) => {
  // AskProAI (demo data) has no key of its own and uses the global one; other specs rely on that, so the
  // finally block puts it back whatever happens here.
  const key = `cal_live_e2e_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}_k9q4`;
  const hidden = key.slice(0, -4);
  const responseBodies = collectResponseBodies(page);
  await signIn(page, ADMIN);
  try {
    await openSettings(page);
    await expect(keyCard(page)).toContainText(GLOBAL_KEY_IN_USE);
    await expect(keyCard(page).getByRole("button", { name: "Remove company key" })).toHaveCount(0);
    const input = keyInput(page);
    await expect(input).toHaveAttribute("type", "password");
    await expect(input).toHaveAttribute("autocomplete", "off");
    await expect(input).toHaveValue("");

    // Invalid input: a field error, nothing stored, the value typed kept for correction.
    await keyCard(page).getByRole("button", { name: "Save key" }).click();
    await expect(keyCard(page).getByText("Enter the Cal.com API key.")).toBeVisible();
    await input.fill("sk_live_0123456789abcdef");
    await keyCard(page).getByRole("button", { name: "Save key" }).click();
    await expect(keyCard(page).getByText(FORMAT_ERROR)).toBeVisible();
    await expect(input).toHaveAttribute("aria-invalid", "true");
    await expect(input).toBeFocused();
    await expect(input).toHaveValue("sk_live_0123456789abcdef");
    await expect(keyCard(page)).toContainText(GLOBAL_KEY_IN_USE);

    await input.fill(key);
    await expect(keyCard(page).getByText(FORMAT_ERROR)).toHaveCount(0);
    await keyCard(page).getByRole("button", { name: "Save key" }).click();
    await expect(toast(page, "Cal.com API key saved")).toContainText("Syncs now use the key ending in …k9q4.");
    await expect(keyCard(page)).toContainText("Company key ending in …k9q4");
    await expect(input).toHaveValue("");
    expect(await page.content()).not.toContain(hidden);

    // Still only the last 4 after a reload, which reads the state from the api afresh.
    await page.reload();
    await expect(keyCard(page)).toContainText("Company key ending in …k9q4");
    await expect(keyInput(page)).toHaveValue("");
    expect(await page.content()).not.toContain(hidden);

    const removeButton = keyCard(page).getByRole("button", { name: "Remove company key" });
    await removeButton.click();
    const dialog = page.getByRole("alertdialog", { name: "Remove the company's Cal.com key?" });
    await expect(dialog).toContainText("Syncs for AskProAI will use the gateway's global key instead");
    // Cancel keeps the key and returns focus to the button.
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    await expect(removeButton).toBeFocused();
    await expect(keyCard(page)).toContainText("Company key ending in …k9q4");

    await removeButton.click();
    await dialog.getByRole("button", { name: "Remove key" }).click();
    await expect(toast(page, "Company key removed")).toContainText("Syncs use the gateway's global key again.");
    await expect(dialog).toBeHidden();
    await expect(keyCard(page)).toContainText(GLOBAL_KEY_IN_USE);
    await expect(removeButton).toHaveCount(0);
    // The button that opened the dialog is gone: focus goes to the field for a new key, not the page's start.
    await expect(keyInput(page)).toBeFocused();
    await page.reload();
    await expect(keyCard(page)).toContainText(GLOBAL_KEY_IN_USE);

    const received = await responseBodies();
    expect(received.some(({ url }) => url.includes("company.calcomKey.set"))).toBe(true);
    expect(received.filter(({ body }) => body.includes(hidden)).map(({ url }) => url)).toEqual([]);
  } finally {
    const restored = await page.request.post("/trpc/company.calcomKey.clear", { data: {} });
    expect(restored.status(), await restored.text()).toBe(200);
  }
});

test("the settings page speaks German, its errors too", async ({ page }) => {
  await signIn(page, ADMIN);
  await openSettings(page);
  await page.getByRole("combobox", { name: "Language" }).selectOption("de");
  await expect(page.getByRole("heading", { level: 1, name: "Unternehmenseinstellungen" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Einstellungen" })).toBeVisible();
  const card = page.getByRole("region", { name: "Cal.com-API-Schlüssel" });
  await expect(card).toContainText("Globaler Schlüssel des Gateways wird verwendet");
  await card.getByLabel("Neuer API-Schlüssel").fill("Bearer cal_live_0123456789");
  await card.getByRole("button", { name: "Schlüssel speichern" }).click();
  await expect(card.getByText("Ein Cal.com-API-Schlüssel beginnt mit cal_ oder cal_live_")).toBeVisible();
});

test("a viewer has no settings link, and the address gives read-only access without the form", async ({ page }) => {
  await signIn(page, VIEWER);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Services" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Settings" })).toHaveCount(0);

  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Read-only access" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Company settings" })).toHaveCount(0);
  await expect(page.getByLabel("New API key")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save key" })).toHaveCount(0);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the settings link is in the header and the key form fits the screen", async ({ page }) => {
    await signIn(page, ADMIN);
    await openSettings(page);
    await expect(keyCard(page)).toContainText(GLOBAL_KEY_IN_USE);
    const save = keyCard(page).getByRole("button", { name: "Save key" });
    await expect(save).toBeInViewport();
    const box = await keyInput(page).boundingBox();
    expect(box?.width).toBeGreaterThan(250);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
