import { type CalcomSandbox, startCalcomSandbox } from "@askpro/calcom/sandbox";
import { Service, ServiceEdit } from "@askpro/db";
import { serviceUpdateSchema } from "@askpro/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestbed, rejectionOf, type Testbed } from "../../../test/support/testbed";
import { serviceInput } from "./fixtures";
import type { ServiceDto } from "./service.dto";

describe("service.editHistory", () => {
  let testbed: Testbed;
  let admin: Awaited<ReturnType<Testbed["signedIn"]>>;
  let quickId: string;
  beforeAll(async () => {
    testbed = await createTestbed();
    admin = await testbed.signedIn("admin@askpro.test");
    quickId = (await testbed.orm.em.fork().findOneOrFail(Service, { slug: "15-minuten-schnellberatung" })).id;
  });
  afterAll(() => testbed.close());

  const editable = (dto: ServiceDto) => serviceUpdateSchema.parse(dto);
  const editCount = () => testbed.orm.em.fork().count(ServiceEdit, { service: quickId });

  it("records a field change with both values, the author and the time, newest first", async () => {
    const before = await admin.service.byId({ id: quickId });
    const startedAt = Date.now();
    await admin.service.update({ ...editable(before), name: "15 Minuten Kurzberatung", durationMinutes: 20 });

    const [latest] = await admin.service.editHistory({ id: quickId });
    expect(latest).toMatchObject({
      kind: "update",
      editedBy: { email: "admin@askpro.test" },
      changes: [
        { field: "name", from: "15 Minuten Schnellberatung", to: "15 Minuten Kurzberatung" },
        { field: "durationMinutes", from: 15, to: 20 },
      ],
    });
    expect(Date.parse(latest?.editedAt ?? "")).toBeGreaterThanOrEqual(startedAt - 1000);

    const after = await admin.service.byId({ id: quickId });
    await admin.service.update({ ...editable(after), priceCents: 1500 });
    const history = await admin.service.editHistory({ id: quickId });
    expect(history.map((edit) => edit.changes.map((change) => change.field))).toEqual([["priceCents"], ["name", "durationMinutes"]]);
  });

  it("writes no row for a save that changes nothing, nor for one refused (stale version, taken slug)", async () => {
    const current = await admin.service.byId({ id: quickId });
    const count = await editCount();
    await admin.service.update(editable(current));
    expect((await rejectionOf(admin.service.update({ ...editable(current), version: current.version - 1, name: "Stale" }))).code).toBe("CONFLICT");
    expect((await rejectionOf(admin.service.update({ ...editable(current), slug: "folgetermin" }))).code).toBe("CONFLICT");
    expect(await editCount()).toBe(count);
  });

  it("records a new service with every field it was made with", async () => {
    const created = await admin.service.create(serviceInput({ slug: "edit-history-probe", name: "Probe", durationMinutes: 25 }));
    const [made] = await admin.service.editHistory({ id: created.id });
    expect(made).toMatchObject({ kind: "create", editedBy: { email: "admin@askpro.test" } });
    expect(made?.changes).toContainEqual({ field: "name", from: null, to: "Probe" });
    expect(made?.changes).toContainEqual({ field: "durationMinutes", from: null, to: 25 });
  });

  it("is readable by the company's viewer, not by another company's admin", async () => {
    const viewer = await testbed.signedIn("viewer@askpro.test");
    expect((await viewer.service.editHistory({ id: quickId }))[0]?.editedBy).toEqual({ email: "admin@askpro.test" });
    const other = await testbed.signedIn("admin@praxis-nord.test");
    expect((await rejectionOf(other.service.editHistory({ id: quickId }))).code).toBe("NOT_FOUND");
  });

  it("refuses bad input with BAD_REQUEST", async () => {
    expect((await rejectionOf(admin.service.editHistory({ id: "not-a-uuid" }))).code).toBe("BAD_REQUEST");
    expect((await rejectionOf(admin.service.editHistory({ id: quickId, limit: 1000 }))).code).toBe("BAD_REQUEST");
  });
});

describe("service.editHistory of links, against the Cal.com sandbox", () => {
  let sandbox: CalcomSandbox;
  let testbed: Testbed;

  beforeAll(async () => {
    sandbox = await startCalcomSandbox();
    testbed = await createTestbed({ env: { CALCOM_API_URL: sandbox.url, CALCOM_API_KEY: "cal_test_askpro_demo" } });
  });
  afterAll(async () => {
    await testbed.close();
    await sandbox.stop();
  });

  it("records an unlink and a link with the event type before and after, and nothing for a refused one", async () => {
    const admin = await testbed.signedIn("admin@askpro.test");
    const { id } = await testbed.orm.em.fork().findOneOrFail(Service, { slug: "30-minuten-erstberatung" });
    const linked = await admin.service.byId({ id });

    const unlinked = await admin.service.unlink({ id, version: linked.version });
    expect((await rejectionOf(admin.service.unlink({ id, version: unlinked.version }))).code).toBe("CONFLICT");
    await admin.service.link({ id, version: unlinked.version, eventTypeId: 3664713 });

    const edits = await admin.service.editHistory({ id });
    expect(edits.map(({ kind, editedBy, changes }) => ({ kind, editedBy, changes }))).toEqual([
      { kind: "link", editedBy: { email: "admin@askpro.test" }, changes: [{ field: "calcomEventTypeId", from: null, to: 3664713 }] },
      { kind: "unlink", editedBy: { email: "admin@askpro.test" }, changes: [{ field: "calcomEventTypeId", from: 3664713, to: null }] },
    ]);
  });

  it("records an imported service as created, linked, with the fields taken from Cal.com", async () => {
    const admin = await testbed.signedIn("admin@askpro.test");
    const [row] = (await admin.service.importEventTypes({ eventTypeIds: [3664718] })).results;
    const serviceId = row?.imported ? row.serviceId : "";
    const [made] = await admin.service.editHistory({ id: serviceId });
    expect(made).toMatchObject({ kind: "create", editedBy: { email: "admin@askpro.test" } });
    expect(made?.changes).toContainEqual({ field: "calcomEventTypeId", from: null, to: 3664718 });
    expect(made?.changes).toContainEqual({ field: "durationMinutes", from: null, to: 120 });
  });
});
