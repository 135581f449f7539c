import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "@playwright/test";
import { ADMIN_EMAIL, DEMO_PASSWORD } from "./demo";

const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** The distribution's Chromium when installed (as in CI and e2e/playwright.config.ts), else Playwright's own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ headless: true, args: ARGS, ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}) });
}

/** Signs the demo admin in through the SPA's form and waits until the app has taken over. */
export async function signInThroughSpa(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email").fill(ADMIN_EMAIL);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor({ timeout: 15_000 });
}
