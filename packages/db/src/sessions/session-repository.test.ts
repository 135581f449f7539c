import { afterAll, beforeAll, expect, it } from "vitest";
import { Company, Session, User } from "../entities";
import { createTestOrm, type TestOrm } from "../testing";
import { findSessionWithUser } from "./session-repository";

let db: TestOrm;
const expiresAt = new Date("2026-12-24T12:00:00.250Z");
const lastSeenAt = new Date("2026-11-30T08:15:00.125Z");

beforeAll(async () => {
  db = await createTestOrm();
  const em = db.orm.em.fork();
  const company = em.create(Company, { name: "Acme", slug: "acme" });
  const admin = em.create(User, { email: "admin@acme.test", passwordHash: "x", role: "admin", company });
  const operator = em.create(User, { email: "ops@askpro.test", passwordHash: "x", role: "owner", company: null });
  em.create(Session, { id: "a".repeat(64), user: admin, expiresAt, lastSeenAt });
  em.create(Session, { id: "b".repeat(64), user: operator, expiresAt, lastSeenAt });
  await em.flush();
});
afterAll(() => db.close());

it("reads a session with its user and the user's company, times in epoch milliseconds", async () => {
  const admin = await db.orm.em.fork().findOneOrFail(User, { email: "admin@acme.test" }, { populate: ["company"] });
  expect(await findSessionWithUser(db.orm.em.fork(), "a".repeat(64))).toEqual({
    user: { id: admin.id, email: "admin@acme.test", role: "admin", company: { id: admin.company?.id, name: "Acme", slug: "acme" } },
    expiresAt: expiresAt.getTime(),
    lastSeenAt: lastSeenAt.getTime(),
  });
});

it("gives a platform operator no company", async () => {
  expect((await findSessionWithUser(db.orm.em.fork(), "b".repeat(64)))?.user).toMatchObject({ email: "ops@askpro.test", company: null });
});

it("finds nothing for an unknown session", async () => {
  expect(await findSessionWithUser(db.orm.em.fork(), "c".repeat(64))).toBeUndefined();
});
