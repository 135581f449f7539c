import { Session } from "@askpro/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestbed, DEMO_PASSWORD, rejectionOf, type Testbed } from "../../test/support/testbed";
import { SessionCache } from "./session-cache";
import { SESSION_COOKIE, sessionIdFor } from "./session-token";
import type { ActiveSession } from "./sessions";

/** A clock the test moves by hand. */
function manualClock() {
  let now = 1_000_000;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function sessionNamed(id: string): ActiveSession {
  return { id, user: { id: "u", email: "u@example.test", role: "viewer", company: null }, expiresAt: Number.MAX_SAFE_INTEGER, lastSeenAt: 0 };
}

describe("SessionCache", () => {
  it("keeps an entry for its TTL only", () => {
    const clock = manualClock();
    const cache = new SessionCache({ ttlMs: 5000, maxEntries: 10, now: clock.now });
    cache.set("a", sessionNamed("a"), cache.stamp());
    clock.advance(4999);
    expect(cache.get("a")?.id).toBe("a");
    clock.advance(1);
    expect(cache.get("a")).toBeUndefined();
  });

  it("holds at most maxEntries, dropping the one cached longest ago", () => {
    const cache = new SessionCache({ ttlMs: 5000, maxEntries: 2 });
    for (const id of ["a", "b", "c"]) cache.set(id, sessionNamed(id), cache.stamp());
    expect(["a", "b", "c"].map((id) => cache.get(id)?.id)).toEqual([undefined, "b", "c"]);
  });

  it("does not cache a read that an invalidation overtook", () => {
    const cache = new SessionCache({ ttlMs: 5000, maxEntries: 10 });
    const stamp = cache.stamp();
    cache.invalidate("a");
    cache.set("a", sessionNamed("a"), stamp);
    expect(cache.get("a")).toBeUndefined();
  });
});

describe("session resolution with the cache", () => {
  const clock = manualClock();
  let testbed: Testbed;
  beforeAll(async () => {
    testbed = await createTestbed({ sessionCache: new SessionCache({ ttlMs: 5000, maxEntries: 100, now: clock.now }) });
  });
  afterAll(() => testbed.close());

  async function signedInBrowser() {
    const browser = testbed.browser();
    await browser.api.auth.signIn({ email: "admin@askpro.test", password: DEMO_PASSWORD });
    const token = browser.cookies.get(SESSION_COOKIE) ?? "";
    const replay = () => {
      const copy = testbed.browser();
      copy.cookies.values.set(SESSION_COOKIE, token);
      return copy.api;
    };
    return { ...browser, token, replay };
  }

  it("serves a session deleted by another process until the TTL runs out", async () => {
    const { api, token } = await signedInBrowser();
    expect(await api.auth.me()).toMatchObject({ email: "admin@askpro.test" });
    // What a sign-out served by another api process does: this process does not hear of it.
    await testbed.orm.em.fork().nativeDelete(Session, { id: sessionIdFor(token) });

    clock.advance(4000);
    expect(await api.auth.me()).toMatchObject({ email: "admin@askpro.test" });
    clock.advance(1000);
    expect(await api.auth.me()).toBeNull();
  });

  it("ends a session signed out in this process at once, for every copy of the cookie", async () => {
    const { api, replay } = await signedInBrowser();
    expect(await replay().auth.me()).toMatchObject({ email: "admin@askpro.test" });
    await api.auth.signOut();
    expect(await replay().auth.me()).toBeNull();
    expect((await rejectionOf(replay().service.list())).code).toBe("UNAUTHORIZED");
  });

  it("ends the session a new sign-in replaces at once", async () => {
    const { api, replay } = await signedInBrowser();
    expect(await replay().auth.me()).toMatchObject({ email: "admin@askpro.test" });
    await api.auth.signIn({ email: "viewer@askpro.test", password: DEMO_PASSWORD });
    expect(await replay().auth.me()).toBeNull();
    expect(await api.auth.me()).toMatchObject({ email: "viewer@askpro.test" });
  });
});
