import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OptimisticLockError } from "@mikro-orm/core";
import { Service, ServiceEdit, User } from "../entities";
import { createTestOrm, type TestOrm } from "../testing";
import { editService, listServiceEdits, serviceFieldChanges } from "./service-edits";

describe("service edit history", () => {
  let db: TestOrm;
  let serviceId: string;
  let adminId: string;
  beforeAll(async () => {
    db = await createTestOrm({ seed: true });
    const em = db.orm.em.fork();
    serviceId = (await em.findOneOrFail(Service, { slug: "30-minuten-erstberatung" })).id;
    adminId = (await em.findOneOrFail(User, { email: "admin@askpro.test" })).id;
  });
  afterAll(() => db.close());

  const editsOf = () => db.orm.em.fork().count(ServiceEdit, { service: serviceId });

  it("names each changed field with both values, in the form's order, and nothing unchanged", () => {
    expect(serviceFieldChanges({ name: "A", durationMinutes: 30, isActive: true }, { isActive: false, durationMinutes: 30, name: "B" })).toEqual([
      { field: "name", from: "A", to: "B" },
      { field: "isActive", from: true, to: false },
    ]);
  });

  it("writes the history row in the transaction of the update: an update that loses the version race leaves none", async () => {
    const first = db.orm.em.fork();
    const second = db.orm.em.fork();
    const mine = await first.findOneOrFail(Service, { id: serviceId });
    const theirs = await second.findOneOrFail(Service, { id: serviceId });
    const before = await editsOf();

    editService(first, mine, { durationMinutes: 35 }, adminId);
    await first.flush();
    editService(second, theirs, { durationMinutes: 40, name: "Lost" }, adminId);
    await expect(second.flush()).rejects.toBeInstanceOf(OptimisticLockError);

    expect(await editsOf()).toBe(before + 1);
    const [latest] = await listServiceEdits(db.orm.em.fork(), serviceId, 5);
    expect(latest).toMatchObject({ kind: "update", editedBy: { email: "admin@askpro.test" }, changes: [{ field: "durationMinutes", from: 30, to: 35 }] });
  });

  it("records a text with half a UTF-16 pair as stored (U+FFFD), instead of failing the edit", async () => {
    const em = db.orm.em.fork();
    const service = await em.findOneOrFail(Service, { id: serviceId });
    editService(em, service, { description: "a\ud800b" }, adminId);
    await em.flush();
    const [latest] = await listServiceEdits(db.orm.em.fork(), serviceId, 1);
    expect(latest?.changes).toEqual([{ field: "description", from: expect.any(String), to: "a\ufffdb" }]);
    expect((await db.orm.em.fork().findOneOrFail(Service, { id: serviceId })).description).toBe("a\ufffdb");
  });

  it("keeps the row when its author is deleted, without a name", async () => {
    const em = db.orm.em.fork();
    const temp = em.create(User, { email: "temp@askpro.test", role: "admin", company: (await em.findOneOrFail(Service, { id: serviceId })).company, passwordHash: "x" });
    await em.flush();
    const service = await em.findOneOrFail(Service, { id: serviceId });
    editService(em, service, { bufferAfterMinutes: 20 }, temp.id);
    await em.flush();
    await db.orm.em.fork().nativeDelete(User, { id: temp.id });
    const [latest] = await listServiceEdits(db.orm.em.fork(), serviceId, 1);
    expect(latest).toMatchObject({ editedBy: null, changes: [{ field: "bufferAfterMinutes", from: 10, to: 20 }] });
  });
});
