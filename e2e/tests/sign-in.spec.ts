import { expect, test } from "@playwright/test";
import { ADMIN, signIn, signOut } from "../support/auth";

test("a signed-out visitor is sent to sign in and brought back to the page they asked for", async ({ page }) => {
  await page.goto("/services?status=synced");
  await expect(page).toHaveURL(/\/login\?next=/);
  await expect(page.getByRole("heading", { name: "Sign in to AskPro Gateway" })).toBeVisible();

  await signIn(page, ADMIN);
  await expect(page).toHaveURL(/\/services\?status=synced$/);
  await expect(page.getByRole("combobox", { name: "Status" })).toHaveValue("synced");
});

test("wrong credentials get one generic message and keep the email", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page.getByRole("alert")).toHaveText("Invalid email or password.");
  await expect(page.getByLabel("Email")).toHaveValue(ADMIN);
  await expect(page.getByLabel("Password")).toHaveValue("");
  await expect(page).toHaveURL(/\/login$/);
});

test("an empty form is answered with field errors, not a request", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter your email address.")).toBeVisible();
  await expect(page.getByText("Enter your password.")).toBeVisible();
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, ADMIN);
  await expect(page.getByText(ADMIN)).toBeVisible();
  await expect(page.getByText("AskProAI", { exact: true })).toBeVisible();
  await signOut(page);

  // The session is gone on the server too, not only in the page.
  await page.goto("/services");
  await expect(page).toHaveURL(/\/login/);
});

test("when the session ends mid-visit, the next request leads to sign in and back", async ({ page, context }) => {
  await signIn(page, ADMIN);
  await expect(page.getByRole("link", { name: "Folgetermin", exact: true })).toBeVisible();

  // The session cookie disappearing is what an expired or revoked session looks like to the browser.
  await context.clearCookies();
  await page.getByRole("link", { name: "Folgetermin", exact: true }).click();

  await expect(page).toHaveURL(/\/login\?next=%2Fservices%2F/);
  await signIn(page, ADMIN);
  await expect(page.getByRole("heading", { level: 1, name: "Folgetermin" })).toBeVisible();
});
