import { DEMO_COMPANIES } from "@askpro/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestbed, rejectionOf, type Testbed } from "../../../test/support/testbed";
import { serviceInput } from "./fixtures";

describe("service.list", () => {
  let testbed: Testbed;
  let admin: Awaited<ReturnType<Testbed["signedIn"]>>;
  const askproServices = DEMO_COMPANIES.find((company) => company.slug === "askproai")?.services ?? [];
  const names = (list: { items: { name: string }[] }) => list.items.map((item) => item.name);

  beforeAll(async () => {
    testbed = await createTestbed();
    admin = await testbed.signedIn("admin@askpro.test");
    await admin.service.create(serviceInput({ name: "100% Online_Beratung", slug: "online-beratung" }));
  });
  afterAll(() => testbed.close());

  it("lists only the user's company, sorted by name", async () => {
    const list = await admin.service.list();
    const expected = [...askproServices.map((s) => s.name), "100% Online_Beratung"].sort((a, b) => a.localeCompare(b, "de"));
    expect(list).toMatchObject({ total: expected.length, page: 1, pageSize: 20 });
    expect(names(list)).toEqual(expected);
    expect(new Set(list.items.map((item) => item.companyName))).toEqual(new Set(["AskProAI"]));
  });

  it("searches name, slug and description case-insensitively", async () => {
    expect(names(await admin.service.list({ search: "SCHNELL" }))).toEqual(["15 Minuten Schnellberatung"]);
    expect(names(await admin.service.list({ search: "rueckruf" }))).toEqual(["Rückruf-Service"]);
    expect(names(await admin.service.list({ search: "anreise" }))).toEqual(["Vor-Ort-Termin"]);
    expect((await admin.service.list({ search: "Physiotherapie" })).total).toBe(0);
  });

  it("matches a term within one column, never across two", async () => {
    // "Rückruf-Service" has the slug "rueckruf-service": its name's end and its slug's start side by side.
    expect(names(await admin.service.list({ search: "ruf-serv" }))).toEqual(["Rückruf-Service"]);
    expect((await admin.service.list({ search: "Service rueckruf" })).total).toBe(0);
    // The character that joins the columns in the indexed search text.
    expect((await admin.service.list({ search: "Service\u001frueckruf" })).total).toBe(0);
  });

  it("searches for % and _ literally", async () => {
    expect(names(await admin.service.list({ search: "%" }))).toEqual(["100% Online_Beratung"]);
    expect(names(await admin.service.list({ search: "_" }))).toEqual(["100% Online_Beratung"]);
  });

  it("filters by sync status", async () => {
    expect(names(await admin.service.list({ status: "pending" }))).toEqual(["Vor-Ort-Termin"]);
    const failed = await admin.service.list({ status: "error" });
    expect(failed.items.map((item) => [item.name, item.syncError])).toEqual([["Folgetermin", expect.stringContaining("404")]]);
    expect(names(await admin.service.list({ status: "synced", search: "beratung" }))).toEqual([
      "15 Minuten Schnellberatung",
      "30 Minuten Erstberatung",
    ]);
  });

  it("pages through the results", async () => {
    const all = names(await admin.service.list());
    const second = await admin.service.list({ page: 2, pageSize: 3 });
    expect(second).toMatchObject({ total: all.length, page: 2, pageSize: 3 });
    expect(names(second)).toEqual(all.slice(3, 6));
    expect((await admin.service.list({ page: 99, pageSize: 3 })).items).toEqual([]);
  });

  it("shows each service as byId does, every field included", async () => {
    const list = await admin.service.list({ pageSize: 100 });
    expect(list.items).toEqual(await Promise.all(list.items.map((item) => admin.service.byId({ id: item.id }))));
    // Nulls and values alike: a service with an event type, one without, one with a sync error.
    expect(list.items.some((item) => item.calcomEventTypeId === null && item.lastSyncedAt === null)).toBe(true);
    expect(list.items.some((item) => item.calcomEventTypeUrl !== null && item.lastSyncedAt !== null)).toBe(true);
    expect(list.items.some((item) => item.syncError !== null)).toBe(true);
  });

  it("counts the matches on a page past the end", async () => {
    const total = (await admin.service.list()).total;
    expect(await admin.service.list({ page: 99, pageSize: 3 })).toEqual({ items: [], total, page: 99, pageSize: 3 });
    expect(await admin.service.list({ search: "nothing matches this" })).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
  });

  it("rejects a page size over 100 or a page below 1", async () => {
    expect((await rejectionOf(admin.service.list({ pageSize: 101 }))).code).toBe("BAD_REQUEST");
    expect((await rejectionOf(admin.service.list({ page: 0 }))).code).toBe("BAD_REQUEST");
  });

  it("lets a viewer read", async () => {
    const viewer = await testbed.signedIn("viewer@askpro.test");
    expect((await viewer.service.list()).total).toBe((await admin.service.list()).total);
  });

  it("shows every company to a platform operator", async () => {
    const operator = await testbed.operator();
    const list = await operator.service.list({ pageSize: 100 });
    expect(new Set(list.items.map((item) => item.companyName))).toEqual(new Set(["AskProAI", "Praxis Nord"]));
  });

  it("requires a signed-in user", async () => {
    expect((await rejectionOf(testbed.browser().api.service.list())).code).toBe("UNAUTHORIZED");
  });
});
