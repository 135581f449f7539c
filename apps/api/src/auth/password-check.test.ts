import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIGN_IN_BUSY } from "./sign-in-admission";
import { createTestbed, DEMO_PASSWORD, rejectionOf, type Testbed } from "../../test/support/testbed";
import { CONCURRENT_PASSWORD_CHECKS, MAX_WAITING_PASSWORD_CHECKS, passwordChecks } from "./password-check";
import { MAX_SIGN_IN_FAILURES } from "./sign-in-throttle";

describe("password checks under a sign-in flood", () => {
  let testbed: Testbed;
  let nextIp = 1;
  const freshIp = () => `203.0.113.${nextIp++}`;
  beforeAll(async () => {
    testbed = await createTestbed();
  });
  afterAll(() => testbed.close());

  /** Takes every hashing slot until release() is called, as hashes that take long would. */
  function occupyHashing(count: number) {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const held = Array.from({ length: count }, () => passwordChecks.run(() => released));
    return {
      release: () => {
        release();
        return Promise.all(held);
      },
    };
  }

  const signIn = (email: string, password: string, clientIp = freshIp()) => testbed.browser({ clientIp }).api.auth.signIn({ email, password });

  it("holds no database connection while a sign-in waits for its password check", async () => {
    const viewer = await testbed.signedIn("viewer@askpro.test");
    const hashing = occupyHashing(CONCURRENT_PASSWORD_CHECKS);
    // More waiting sign-ins than the pool has connections (10): were each holding one, nothing else would get one.
    const waiting = Array.from({ length: 12 }, (_, i) => signIn(`flood-${i}@askpro.test`, "wrong password").catch((error: unknown) => error));
    await expect.poll(() => passwordChecks.waiting, { timeout: 10_000 }).toBe(12);
    const listed = await viewer.service.list({ page: 1, pageSize: 20 });
    expect(listed.items.length).toBeGreaterThan(0);
    await hashing.release();
    expect((await Promise.all(waiting)).map((error) => (error as { code?: string }).code)).toEqual(Array.from({ length: 12 }, () => "UNAUTHORIZED"));
  });

  it(`refuses sign-in ${MAX_SIGN_IN_FAILURES + 1} from one address while ${MAX_SIGN_IN_FAILURES} are in flight, before asking the database`, async () => {
    const hashing = occupyHashing(CONCURRENT_PASSWORD_CHECKS);
    const inFlight = Array.from({ length: MAX_SIGN_IN_FAILURES }, (_, i) => rejectionOf(signIn(`in-flight-${i}@askpro.test`, "wrong password", "198.51.100.30")));
    await expect.poll(() => passwordChecks.waiting, { timeout: 10_000 }).toBe(MAX_SIGN_IN_FAILURES);
    // The database would say "too many failures" (all ten attempts are taken); this process knows before asking.
    const refused = await rejectionOf(signIn("one-more@askpro.test", "wrong password", "198.51.100.30"));
    expect([refused.code, refused.message]).toEqual(["TOO_MANY_REQUESTS", SIGN_IN_BUSY]);
    await hashing.release();
    expect((await Promise.all(inFlight)).map((error) => error.code)).toEqual(Array.from({ length: MAX_SIGN_IN_FAILURES }, () => "UNAUTHORIZED"));
  });

  it("answers at once that the server is busy when the queue is full, and counts no attempt", async () => {
    const hashing = occupyHashing(CONCURRENT_PASSWORD_CHECKS + MAX_WAITING_PASSWORD_CHECKS);
    expect(passwordChecks.full).toBe(true);
    // Answered while every hashing place is still held: a refusal that waited for one would never come.
    const refusals = await Promise.all(Array.from({ length: 15 }, () => rejectionOf(signIn("admin@askpro.test", DEMO_PASSWORD, "198.51.100.20"))));
    expect(refusals.map((error) => [error.code, error.message])).toEqual(Array.from({ length: 15 }, () => ["TOO_MANY_REQUESTS", SIGN_IN_BUSY]));
    await hashing.release();
    // Fifteen refusals from one address, yet its budget is whole: none of them checked a password.
    expect((await signIn("admin@askpro.test", DEMO_PASSWORD, "198.51.100.20")).user.email).toBe("admin@askpro.test");
  });
});
