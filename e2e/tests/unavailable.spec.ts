import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "../support/auth";

test("while the api cannot be reached the page says so, retries, and recovers by itself", async ({ page }) => {
  await signIn(page, ADMIN);

  // The shared stack's api cannot be stopped in the middle of the suite, so the browser's network layer
  // plays the outage: every api call first fails outright, then gets a proxy-style 502 page.
  await page.route("**/trpc/**", (route) => route.abort("connectionrefused"));
  await page.goto("/services");
  await expect(page.getByText("Service unavailable, retrying…")).toBeVisible();
  await expect(page.getByText(/Failed to fetch|TypeError|Unexpected token/)).toHaveCount(0);

  await page.unroute("**/trpc/**");
  await page.route("**/trpc/**", (route) => route.fulfill({ status: 502, contentType: "text/html", body: "<h1>502 Bad Gateway</h1>" }));
  await expect(page.getByText("Service unavailable, retrying…")).toBeVisible();
  await expect(page.getByText("502 Bad Gateway")).toHaveCount(0);

  await page.unroute("**/trpc/**");
  await expect(page.getByRole("heading", { level: 1, name: "Services" })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("Service unavailable, retrying…")).toHaveCount(0);
});
