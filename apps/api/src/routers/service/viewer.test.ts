import { Service } from "@askpro/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestbed, rejectionOf, type Testbed } from "../../../test/support/testbed";
import { serviceInput } from "./fixtures";

describe("a viewer", () => {
  let testbed: Testbed;
  let viewer: Awaited<ReturnType<Testbed["signedIn"]>>;
  let quick: Service;
  beforeAll(async () => {
    testbed = await createTestbed();
    viewer = await testbed.signedIn("viewer@askpro.test");
    quick = await testbed.orm.em.fork().findOneOrFail(Service, { slug: "15-minuten-schnellberatung" });
  });
  afterAll(() => testbed.close());

  const snapshot = async () => (await testbed.orm.em.fork().find(Service, {}, { orderBy: { id: "asc" } })).map((s) => [s.id, s.version, s.name]);

  it.each([
    ["create", () => viewer.service.create(serviceInput({ slug: "vom-viewer" }))],
    ["update", () => viewer.service.update({ ...serviceInput({ slug: quick.slug }), id: quick.id, version: quick.version })],
    ["delete", () => viewer.service.delete({ id: quick.id })],
  ])("is FORBIDDEN to %s and changes nothing", async (_, mutate) => {
    const before = await snapshot();
    const error = await rejectionOf(mutate());
    expect(error.code).toBe("FORBIDDEN");
    expect(await snapshot()).toEqual(before);
  });
});
