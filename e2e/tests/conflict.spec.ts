import { expect, test } from "@playwright/test";
import { ADMIN, signIn } from "../support/auth";
import { openService, unique } from "../support/services";

const SERVICE = "30 Minuten Erstberatung";

test("when someone else saved first, the form says so, keeps my edits and lets me choose", async ({ browser }) => {
  // Two admins in two separate browser sessions open the same edit form.
  const mine = await (await browser.newContext()).newPage();
  const theirs = await (await browser.newContext()).newPage();
  for (const page of [mine, theirs]) {
    await signIn(page, ADMIN);
    await openService(page, SERVICE);
    await page.getByRole("link", { name: "Edit" }).click();
    await expect(page.getByLabel("Description")).toBeVisible();
  }

  const theirText = unique("Their description");
  await theirs.getByLabel("Description").fill(theirText);
  await theirs.getByRole("button", { name: "Save changes" }).click();
  await expect(theirs.getByText("Service saved")).toBeVisible();

  const myText = unique("My description");
  await mine.getByLabel("Description").fill(myText);
  await mine.getByLabel("Buffer after").fill("10");
  await mine.getByRole("button", { name: "Save changes" }).click();

  const notice = mine.getByRole("alert").filter({ hasText: "Someone else saved this service first" });
  await expect(notice).toBeVisible();
  const comparison = notice.getByRole("table");
  await expect(comparison.getByRole("row", { name: /Description/ })).toContainText(theirText);
  await expect(comparison.getByRole("row", { name: /Description/ })).toContainText(myText);
  await expect(mine.getByLabel("Description")).toHaveValue(myText);
  await expect(mine.getByLabel("Buffer after")).toHaveValue("10");

  await notice.getByRole("button", { name: "Keep my changes" }).click();
  await mine.getByRole("button", { name: "Save changes" }).click();
  await expect(mine.getByText("Service saved")).toBeVisible();
  await expect(mine.getByText(myText)).toBeVisible();

  // The other admin, opening the form again, starts from the version saved last.
  await theirs.getByRole("link", { name: "Edit" }).click();
  await expect(theirs.getByLabel("Description")).toHaveValue(myText);

  await mine.context().close();
  await theirs.context().close();
});
