import { afterAll, beforeEach, expect, it } from "vitest";
import { SignInThrottle } from "../entities";
import { createTestOrm, type TestOrm } from "../testing";
import {
  deletePassedThrottleWindows,
  deleteThrottle,
  giveBackThrottleAttempt,
  type ThrottleKey,
  takeThrottleAttempts,
} from "./sign-in-throttle-repository";

const db: TestOrm = await createTestOrm();
afterAll(() => db.close());
beforeEach(() => db.orm.em.fork().nativeDelete(SignInThrottle, {}));

const em = () => db.orm.em.fork();
const account: ThrottleKey = { scope: "account", subjectHash: "a".repeat(64) };
const ip: ThrottleKey = { scope: "ip", subjectHash: "b".repeat(64) };
const limits = { maxFailures: 3, windowMinutes: 15 };
const failures = async () => Object.fromEntries((await em().find(SignInThrottle, {})).map((row) => [row.scope, row.failures]));
const take = () => takeThrottleAttempts(em(), [account, ip], limits);

it("takes one attempt from both keys until one has none left, then takes nothing and says which is blocked", async () => {
  for (let i = 0; i < 3; i++) expect(await take()).toEqual({ taken: ["account", "ip"], blocked: [] });
  expect(await failures()).toEqual({ account: 3, ip: 3 });
  expect(await take()).toEqual({ taken: [], blocked: expect.arrayContaining(["account", "ip"]) });
  expect(await failures()).toEqual({ account: 3, ip: 3 });
});

it("never takes past the limit however many attempts arrive at once", async () => {
  const results = await Promise.all(Array.from({ length: 12 }, take));
  expect(results.filter((result) => result.taken.length === 2)).toHaveLength(3);
  expect(await failures()).toEqual({ account: 3, ip: 3 });
});

it("starts a passed window afresh, and deletes rows of passed windows", async () => {
  await take();
  await em().nativeUpdate(SignInThrottle, { scope: "account" }, { windowStartedAt: new Date(Date.now() - 16 * 60_000), failures: 3 });
  expect(await take()).toEqual({ taken: ["account", "ip"], blocked: [] });
  expect(await failures()).toEqual({ account: 1, ip: 2 });
  await em().nativeUpdate(SignInThrottle, { scope: "ip" }, { windowStartedAt: new Date(Date.now() - 16 * 60_000) });
  await deletePassedThrottleWindows(em(), 15);
  expect(await failures()).toEqual({ account: 1 });
});

it("gives an attempt back, never below none, and deletes a key", async () => {
  await take();
  await giveBackThrottleAttempt(em(), ip);
  await giveBackThrottleAttempt(em(), ip);
  expect(await failures()).toEqual({ account: 1, ip: 0 });
  await deleteThrottle(em(), account);
  expect(await failures()).toEqual({ ip: 0 });
});
