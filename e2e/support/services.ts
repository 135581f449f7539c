import { expect, type Page } from "@playwright/test";

export const QUICK_CONSULTATION = "15 Minuten Schnellberatung";

/** Opens a service from the list (table on desktop, cards on a phone: the same link either way). */
export async function openService(page: Page, name: string): Promise<void> {
  await page.goto("/services");
  await page.getByRole("searchbox").fill(name);
  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
}

/** A value no earlier run can have left behind. */
export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}
