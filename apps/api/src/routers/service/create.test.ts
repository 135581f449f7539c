import { Company, Service } from "@askpro/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestbed, issuePaths, rejectionOf, type Testbed } from "../../../test/support/testbed";
import { serviceInput } from "./fixtures";
import { EVENT_TYPE_NOT_EDITABLE_MESSAGE } from "./link-errors";

describe("service.create", () => {
  let testbed: Testbed;
  let admin: Awaited<ReturnType<Testbed["signedIn"]>>;
  beforeAll(async () => {
    testbed = await createTestbed();
    admin = await testbed.signedIn("admin@askpro.test");
  });
  afterAll(() => testbed.close());

  const countServices = () => testbed.orm.em.fork().count(Service);

  it("creates a service in the admin's company, never synced", async () => {
    const created = await admin.service.create(serviceInput());
    expect(created).toMatchObject({
      ...serviceInput(),
      companyName: "AskProAI",
      syncStatus: "never",
      lastSyncedAt: null,
      calcomEventTypeUrl: null,
      version: 1,
    });
    expect(await admin.service.byId({ id: created.id })).toEqual(created);
  });

  it("refuses a slug already used in the company, naming it", async () => {
    const before = await countServices();
    const error = await rejectionOf(admin.service.create(serviceInput({ name: "Andere", slug: "15-minuten-schnellberatung" })));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toContain('"15-minuten-schnellberatung"');
    expect(await countServices()).toBe(before);
  });

  it("allows the same slug in another company", async () => {
    const praxis = await testbed.signedIn("admin@praxis-nord.test");
    const created = await praxis.service.create(serviceInput({ slug: "15-minuten-schnellberatung" }));
    expect(created.companyName).toBe("Praxis Nord");
  });

  it.each([
    ["another company's", 3664712],
    ["an unknown", 4_000_001],
  ])("refuses %s Cal.com event type id, unchecked: a service is linked after it is created", async (_, calcomEventTypeId) => {
    const praxis = await testbed.signedIn("admin@praxis-nord.test");
    const before = await countServices();
    const error = await rejectionOf(praxis.service.create(serviceInput({ slug: "doppelt", calcomEventTypeId })));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe(EVENT_TYPE_NOT_EDITABLE_MESSAGE);
    expect(await countServices()).toBe(before);
  });

  it.each([
    ["an empty name", { name: "" }, "name"],
    ["a 1000-minute duration", { durationMinutes: 1000 }, "durationMinutes"],
    ["a slug with spaces", { slug: "mit leerzeichen" }, "slug"],
  ])("answers BAD_REQUEST with the zod issues for %s", async (_, change, path) => {
    const before = await countServices();
    const error = await rejectionOf(admin.service.create(serviceInput({ slug: "ungueltig", ...change })));
    expect(error.code).toBe("BAD_REQUEST");
    expect(issuePaths(error)).toEqual([path]);
    expect(await countServices()).toBe(before);
  });

  it("lets a platform operator create for a company they name, and requires the name", async () => {
    const operator = await testbed.operator();
    const nord = await testbed.orm.em.fork().findOneOrFail(Company, { slug: "praxis-nord" });
    const created = await operator.service.create({ ...serviceInput({ slug: "vom-betreiber" }), companyId: nord.id });
    expect(created.companyName).toBe("Praxis Nord");

    const missing = await rejectionOf(operator.service.create(serviceInput({ slug: "ohne-firma" })));
    expect(missing.code).toBe("BAD_REQUEST");
    expect(missing.message).toContain("companyId");
  });

  it("does not let a company admin create for another company", async () => {
    const nord = await testbed.orm.em.fork().findOneOrFail(Company, { slug: "praxis-nord" });
    const error = await rejectionOf(admin.service.create({ ...serviceInput({ slug: "fremd" }), companyId: nord.id }));
    expect(error.code).toBe("NOT_FOUND");
  });
});
