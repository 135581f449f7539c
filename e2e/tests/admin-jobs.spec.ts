import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "../support/auth";

const OPERATOR = "operator@askpro.test";

test("the platform operator opens Agendash at /admin/jobs and sees the job store's jobs", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await signIn(page, OPERATOR);
  await page.goto("/admin/jobs");
  await expect(page).toHaveURL(/\/admin\/jobs\/$/);
  await expect(page).toHaveTitle("Agendash");
  // The worker's reconciler schedule is always in the store.
  await expect(page.getByText("calcom.reconcile-pending").first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath("agendash.png"), fullPage: true });
  // Only the running stats are refused (501: they belong to the workers); nothing else failed or was blocked.
  expect(errors.filter((text) => !/status of 501|Failed to fetch stats/.test(text))).toEqual([]);
});

test("a company admin gets 403 at /admin/jobs, and nobody signed in gets 401", async ({ page }) => {
  expect((await page.request.get("/admin/jobs/")).status()).toBe(401);
  await signIn(page, ADMIN);
  expect((await page.request.get("/admin/jobs/")).status()).toBe(403);
});
