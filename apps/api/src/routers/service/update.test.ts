import { Service } from "@askpro/db";
import { serviceUpdateSchema } from "@askpro/domain";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestbed, issuePaths, rejectionOf, type Testbed } from "../../../test/support/testbed";
import { EVENT_TYPE_NOT_EDITABLE_MESSAGE } from "./link-errors";
import type { ServiceDto } from "./service.dto";

describe("service.update", () => {
  let testbed: Testbed;
  let admin: Awaited<ReturnType<Testbed["signedIn"]>>;
  let quick: ServiceDto;
  beforeAll(async () => {
    testbed = await createTestbed();
    admin = await testbed.signedIn("admin@askpro.test");
  });
  beforeEach(async () => {
    const { id } = await testbed.orm.em.fork().findOneOrFail(Service, { slug: "15-minuten-schnellberatung" });
    quick = await admin.service.byId({ id });
  });
  afterAll(() => testbed.close());

  // zod drops the DTO's read-only fields, leaving exactly what the edit form sends.
  const editable = (dto: ServiceDto) => serviceUpdateSchema.parse(dto);

  it("saves the change and moves the version on", async () => {
    const updated = await admin.service.update({ ...editable(quick), description: "Jetzt mit Rückruf-Garantie." });
    expect(updated).toMatchObject({ description: "Jetzt mit Rückruf-Garantie.", version: quick.version + 1 });
    expect(await admin.service.byId({ id: quick.id })).toEqual(updated);
  });

  it("refuses a stale version with CONFLICT and keeps what the other person saved", async () => {
    const colleague = await testbed.signedIn("admin@askpro.test");
    const theirs = await colleague.service.update({ ...editable(quick), durationMinutes: 20 });

    const error = await rejectionOf(admin.service.update({ ...editable(quick), durationMinutes: 30, name: "Meine Änderung" }));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toBe("This service was changed by someone else. Reload to see their changes.");
    expect(await admin.service.byId({ id: quick.id })).toEqual(theirs);
  });

  it("answers BAD_REQUEST with the zod issues and changes nothing", async () => {
    const error = await rejectionOf(admin.service.update({ ...editable(quick), name: "", durationMinutes: 1000, slug: "mit leerzeichen" }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(issuePaths(error).sort()).toEqual(["durationMinutes", "name", "slug"]);
    expect(await admin.service.byId({ id: quick.id })).toEqual(quick);
  });

  it("refuses a slug or event type that another service has", async () => {
    const slugClash = await rejectionOf(admin.service.update({ ...editable(quick), slug: "folgetermin" }));
    expect(slugClash.code).toBe("CONFLICT");
    expect(slugClash.message).toContain('"folgetermin"');

    expect(await admin.service.byId({ id: quick.id })).toEqual(quick);
  });

  it.each([
    ["another company's event type", 3664801],
    ["no event type", null],
  ])("refuses to change the event type to %s: only link and unlink change it, with their checks", async (_, calcomEventTypeId) => {
    const error = await rejectionOf(admin.service.update({ ...editable(quick), name: "Umbenannt", calcomEventTypeId }));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe(EVENT_TYPE_NOT_EDITABLE_MESSAGE);
    expect(await admin.service.byId({ id: quick.id })).toEqual(quick);
  });

  it("answers NOT_FOUND for another company's service", async () => {
    const praxis = await testbed.signedIn("admin@praxis-nord.test");
    const error = await rejectionOf(praxis.service.update({ ...editable(quick), name: "Übernommen" }));
    expect(error.code).toBe("NOT_FOUND");
    expect((await admin.service.byId({ id: quick.id })).name).toBe(quick.name);
  });
});
