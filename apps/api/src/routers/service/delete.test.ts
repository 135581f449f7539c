import { Service } from "@askpro/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestbed, rejectionOf, type Testbed } from "../../../test/support/testbed";

describe("service.delete", () => {
  let testbed: Testbed;
  beforeAll(async () => {
    testbed = await createTestbed();
  });
  afterAll(() => testbed.close());

  const idOf = async (slug: string) => (await testbed.orm.em.fork().findOneOrFail(Service, { slug })).id;

  it("deletes the service", async () => {
    const admin = await testbed.signedIn("admin@askpro.test");
    const id = await idOf("rueckruf-service");
    expect(await admin.service.delete({ id })).toEqual({ ok: true, outcome: "deleted" });
    expect((await rejectionOf(admin.service.byId({ id }))).code).toBe("NOT_FOUND");
  });

  it("answers NOT_FOUND for another company's service and leaves it alone", async () => {
    const admin = await testbed.signedIn("admin@askpro.test");
    const id = await idOf("krankengymnastik");
    expect((await rejectionOf(admin.service.delete({ id }))).code).toBe("NOT_FOUND");
    expect(await testbed.orm.em.fork().findOne(Service, { id })).not.toBeNull();
  });
});
