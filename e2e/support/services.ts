import { expect, type Page } from "@playwright/test";

export const QUICK_CONSULTATION = "15 Minuten Schnellberatung";

/** Opens a service from the list (table on desktop, cards on a phone: the same link either way). */
export async function openService(page: Page, name: string): Promise<void> {
  await page.goto("/services");
  await page.getByRole("searchbox").fill(name);
  // The list renders again when the debounced search answers; a click on the row it replaces is lost.
  await expect(async () => {
    if (new URL(page.url()).pathname === "/services") await page.getByRole("link", { name, exact: true }).click({ timeout: 2_000 });
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 15_000 });
}

/** A value no earlier run can have left behind. */
export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}
