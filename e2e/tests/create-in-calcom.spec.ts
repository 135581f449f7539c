import { type APIRequestContext, expect, test } from "@playwright/test";
import { ADMIN, signIn } from "../support/auth";
import { createTeamEventType, SANDBOX_URL } from "../support/link";
import { openService, unique } from "../support/services";
import { calcomPanel, historyRows, syncBadge, toast } from "../support/sync";

const ASKPRO_TEAM = 39203;
const CALCOM_HEADERS = { authorization: "Bearer cal_test_askpro_demo", "cal-api-version": "2024-06-14" };

/** The team's event types with this slug, as the sandbox holds them now. */
async function teamEventTypesWithSlug(request: APIRequestContext, slug: string): Promise<Array<{ id: number; title: string; schedulingType?: string }>> {
  const response = await request.get(`${SANDBOX_URL}/v2/teams/${ASKPRO_TEAM}/event-types?eventSlug=${slug}`, { headers: CALCOM_HEADERS });
  expect(response.status()).toBe(200);
  return ((await response.json()) as { data: Array<{ id: number; title: string; schedulingType?: string }> }).data;
}

/** A new service of AskProAI through the form, without an event type; resolves to its slug. */
async function newService(page: import("@playwright/test").Page, name: string, options: { slug?: string; teamBookings?: string } = {}): Promise<string> {
  await page.getByRole("link", { name: /New service/ }).click();
  await page.getByLabel("Name").fill(name);
  if (options.slug) await page.getByLabel("Slug").fill(options.slug);
  await page.getByLabel("Duration").fill("20");
  if (options.teamBookings) await page.getByLabel("Team bookings").selectOption({ label: options.teamBookings });
  const slug = await page.getByLabel("Slug").inputValue();
  await page.getByRole("button", { name: "Create service" }).click();
  await expect(page.getByText("Service created")).toBeVisible();
  await openService(page, name);
  return slug;
}

test.beforeEach(async ({ page }) => {
  await signIn(page, ADMIN);
});

test("an admin creates a service's event type in Cal.com: pending, then Event type created in Cal.com and Synced, linked", async ({ page }, testInfo) => {
  const name = unique("E2E Rückruf anlegen");
  const slug = await newService(page, name, { teamBookings: "Collective: Every team member takes part in each booking." });
  await expect(syncBadge(page)).toHaveText("Never synced");
  await expect(page.getByRole("region", { name: "Details" }).getByText("Collective", { exact: true })).toBeVisible();
  await expect(teamEventTypesWithSlug(page.request, slug)).resolves.toEqual([]);

  await calcomPanel(page).getByRole("button", { name: "Create in Cal.com" }).click();
  await expect(toast(page, "Creating the event type in Cal.com")).toBeVisible();
  await expect(toast(page, "Event type created in Cal.com")).toBeVisible();
  await expect(syncBadge(page)).toHaveText("Synced");

  const [created, ...more] = await teamEventTypesWithSlug(page.request, slug);
  expect(more).toEqual([]);
  expect(created).toMatchObject({ title: name, schedulingType: "collective" });
  await expect(calcomPanel(page).getByText(String(created?.id))).toBeVisible();
  await expect(calcomPanel(page).getByRole("button", { name: "Create in Cal.com" })).toHaveCount(0);
  await expect(calcomPanel(page).getByRole("button", { name: "Unlink" })).toBeVisible();
  await calcomPanel(page).screenshot({ path: testInfo.outputPath("created-in-calcom.png") });
  // The history has the create as one row, by the admin.
  await expect(historyRows(page)).toHaveCount(1);
  await expect(historyRows(page).first()).toContainText("Create in Cal.com: Succeeded");
  await expect(historyRows(page).first()).toContainText(ADMIN);
});

test("a slug another event type holds: the create fails saying so, and offers to link that event type", async ({ page }, testInfo) => {
  const slug = `e2e-belegt-${Date.now().toString(36)}`;
  const title = unique("E2E Vorhandener Termin");
  const eventTypeId = await createTeamEventType(page.request, title, slug);
  const name = unique("E2E Slug belegt");
  await newService(page, name, { slug });

  await calcomPanel(page).getByRole("button", { name: "Create in Cal.com" }).click();
  await expect(toast(page, "Cal.com sync failed")).toBeVisible();
  await expect(syncBadge(page)).toHaveText("Sync failed");
  await expect(calcomPanel(page)).toContainText(`Cal.com event type ${eventTypeId} (“${title}”) already has the slug “${slug}”`);
  await calcomPanel(page).screenshot({ path: testInfo.outputPath("slug-taken.png") });
  expect(await teamEventTypesWithSlug(page.request, slug)).toHaveLength(1);

  await calcomPanel(page).getByRole("button", { name: `Link event type ${eventTypeId}` }).click();
  await expect(toast(page, "Event type linked")).toBeVisible();
  await expect(calcomPanel(page).getByText(String(eventTypeId))).toBeVisible();
  await expect(syncBadge(page)).toHaveText("Never synced");
});

test("the company's team bookings are set on the settings page", async ({ page }) => {
  await page.goto("/settings");
  const section = page.getByRole("region", { name: "Team bookings" });
  await expect(section.getByRole("radio", { name: /Round robin/ })).toBeChecked();
  await section.getByRole("radio", { name: /Collective/ }).check();
  await section.getByRole("button", { name: "Save" }).click();
  await expect(toast(page, "Team bookings saved")).toBeVisible();
  await page.reload();
  await expect(page.getByRole("region", { name: "Team bookings" }).getByRole("radio", { name: /Collective/ })).toBeChecked();
  // Back to the default, for the specs after this one.
  await page.getByRole("region", { name: "Team bookings" }).getByRole("radio", { name: /Round robin/ }).check();
  await page.getByRole("region", { name: "Team bookings" }).getByRole("button", { name: "Save" }).click();
  await expect(toast(page, "Team bookings saved")).toBeVisible();
});
