import { Service } from "@askpro/db";
import { serviceUpdateSchema } from "@askpro/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findNulCharacter, NUL_CHARACTER_MESSAGE } from "./input-hygiene";
import { serviceInput } from "./routers/service/fixtures";
import { createTestbed, issuePaths, rejectionOf, type Testbed } from "./test/testbed";

describe("findNulCharacter", () => {
  it("finds U+0000 at any depth and names where", () => {
    expect(findNulCharacter({ a: [1, { b: "x\u0000" }] })).toEqual(["a", 1, "b"]);
    expect(findNulCharacter("\u0000")).toEqual([]);
    expect(findNulCharacter({ a: ["\\u0000", "nul", null, 0] })).toBeUndefined();
  });
});

// Both were 500s until the hostile-input property test found them.
describe("input the database cannot store is BAD_REQUEST with the field named", () => {
  let testbed: Testbed;
  beforeAll(async () => {
    testbed = await createTestbed();
  });
  afterAll(() => testbed.close());

  it("refuses a NUL character in any text, before anything is written", async () => {
    const admin = await testbed.signedIn("admin@askpro.test");
    const service = await testbed.orm.em.fork().findOneOrFail(Service, { slug: "15-minuten-schnellberatung" });
    const update = serviceUpdateSchema.parse(await admin.service.byId({ id: service.id }));

    const error = await rejectionOf(admin.service.update({ ...update, description: "Kurz\u0000" }));
    expect([error.code, error.message, issuePaths(error)]).toEqual(["BAD_REQUEST", NUL_CHARACTER_MESSAGE, ["description"]]);
    expect((await rejectionOf(admin.service.list({ search: "\u0000", page: 1, pageSize: 20 }))).code).toBe("BAD_REQUEST");
    expect((await testbed.orm.em.fork().findOneOrFail(Service, { id: service.id })).version).toBe(service.version);
  });

  it("refuses a price beyond what the price column holds", async () => {
    const admin = await testbed.signedIn("admin@askpro.test");
    const error = await rejectionOf(admin.service.create(serviceInput({ slug: "zu-teuer", priceCents: 2 ** 31 })));
    expect([error.code, issuePaths(error)]).toEqual(["BAD_REQUEST", ["priceCents"]]);
    expect((await admin.service.create(serviceInput({ slug: "gerade-noch", priceCents: 2 ** 31 - 1 }))).priceCents).toBe(2 ** 31 - 1);
  });
});
