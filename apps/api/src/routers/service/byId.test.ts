import { randomUUID } from "node:crypto";
import { Service } from "@askpro/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestbed, rejectionOf, type Testbed } from "../../../test/support/testbed";

describe("service.byId", () => {
  let testbed: Testbed;
  let quickId: string;
  let praxisServiceId: string;
  beforeAll(async () => {
    testbed = await createTestbed();
    const em = testbed.orm.em.fork();
    quickId = (await em.findOneOrFail(Service, { slug: "15-minuten-schnellberatung" })).id;
    praxisServiceId = (await em.findOneOrFail(Service, { slug: "krankengymnastik" })).id;
  });
  afterAll(() => testbed.close());

  it("returns every field of the service, dates as ISO strings", async () => {
    const viewer = await testbed.signedIn("viewer@askpro.test");
    const service = await viewer.service.byId({ id: quickId });
    expect(service).toMatchObject({
      id: quickId,
      companyName: "AskProAI",
      name: "15 Minuten Schnellberatung",
      slug: "15-minuten-schnellberatung",
      durationMinutes: 15,
      bufferAfterMinutes: 5,
      currency: "EUR",
      calcomEventTypeId: 3664712,
      calcomEventTypeUrl: "https://app.cal.com/event-types/3664712",
      syncStatus: "synced",
      syncError: null,
      version: 1,
    });
    expect(service.lastSyncedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(new Date(service.createdAt).toISOString()).toBe(service.createdAt);
  });

  it("answers NOT_FOUND for another company's service, as for a missing one", async () => {
    const admin = await testbed.signedIn("admin@askpro.test");
    for (const id of [praxisServiceId, randomUUID()]) {
      const error = await rejectionOf(admin.service.byId({ id }));
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).toBe("Service not found.");
    }
    const praxis = await testbed.signedIn("admin@praxis-nord.test");
    expect((await praxis.service.byId({ id: praxisServiceId })).companyName).toBe("Praxis Nord");
  });

  it("shows the service as the entity-based procedures do; a platform operator reads any company's", async () => {
    const entity = await testbed.orm.em.fork().findOneOrFail(Service, { id: praxisServiceId }, { populate: ["company"] });
    const operator = await testbed.operator();
    expect(await operator.service.byId({ id: praxisServiceId })).toMatchObject({
      id: entity.id,
      companyId: entity.company.id,
      companyName: "Praxis Nord",
      name: entity.name,
      version: entity.version,
      updatedAt: entity.updatedAt.toISOString(),
    });
  });

  it("rejects an id that is not a UUID as bad input", async () => {
    const admin = await testbed.signedIn("admin@askpro.test");
    expect((await rejectionOf(admin.service.byId({ id: "42" }))).code).toBe("BAD_REQUEST");
  });
});
