import { OptimisticLockError, UniqueConstraintViolationException } from "@mikro-orm/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestOrm, type TestOrm } from "../testing";
import { Company, Service, User } from ".";

const serviceFields = {
  description: "",
  durationMinutes: 30,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minimumBookingNoticeMinutes: 0,
  priceCents: 0,
  currency: "EUR",
  isActive: true,
  requiresConfirmation: false,
  disableGuests: false,
};

describe("schema constraints", () => {
  let db: TestOrm;
  let companyA: Company;
  let companyB: Company;
  beforeAll(async () => {
    db = await createTestOrm();
    const em = db.orm.em.fork();
    companyA = em.create(Company, { name: "A", slug: "a" });
    companyB = em.create(Company, { name: "B", slug: "b" });
    em.create(Service, { ...serviceFields, company: companyA, name: "Beratung", slug: "beratung", calcomEventTypeId: 100 });
    await em.flush();
  });
  afterAll(() => db.close());

  it("rejects a slug used twice in one company but allows it in another", async () => {
    const em = db.orm.em.fork();
    em.create(Service, { ...serviceFields, company: companyA.id, name: "Beratung 2", slug: "beratung", calcomEventTypeId: null });
    await expect(em.flush()).rejects.toThrow(UniqueConstraintViolationException);

    const other = db.orm.em.fork();
    other.create(Service, { ...serviceFields, company: companyB.id, name: "Beratung", slug: "beratung", calcomEventTypeId: null });
    await expect(other.flush()).resolves.toBeUndefined();
  });

  it("rejects a Cal.com event type linked to two services, even across companies", async () => {
    const em = db.orm.em.fork();
    em.create(Service, { ...serviceFields, company: companyB.id, name: "Andere", slug: "andere", calcomEventTypeId: 100 });
    await expect(em.flush()).rejects.toThrow(UniqueConstraintViolationException);
  });

  it("allows any number of services without an event type", async () => {
    const em = db.orm.em.fork();
    for (const slug of ["ohne-1", "ohne-2"]) {
      em.create(Service, { ...serviceFields, company: companyA.id, name: slug, slug, calcomEventTypeId: null });
    }
    await expect(em.flush()).resolves.toBeUndefined();
  });

  it("refuses an e-mail address that is not lower-cased", async () => {
    const em = db.orm.em.fork();
    em.create(User, { email: "Someone@Example.test", passwordHash: "x", role: "admin", company: null });
    await expect(em.flush()).rejects.toThrow(/users_email_check/);
  });

  it("detects a concurrent edit of a service through its version", async () => {
    const first = db.orm.em.fork();
    const second = db.orm.em.fork();
    const mine = await first.findOneOrFail(Service, { company: companyA.id, slug: "beratung" });
    const theirs = await second.findOneOrFail(Service, { company: companyA.id, slug: "beratung" });
    const version = mine.version;

    theirs.durationMinutes = 45;
    await second.flush();
    expect(theirs.version).toBe(version + 1);

    mine.durationMinutes = 60;
    await expect(first.flush()).rejects.toThrow(OptimisticLockError);
    const saved = await db.orm.em.fork().findOneOrFail(Service, { id: mine.id });
    expect(saved.durationMinutes).toBe(45);
  });
});
