import { Session } from "@askpro/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SESSION_COOKIE, sessionIdFor } from "../../auth/session-token";
import { createTestbed, DEMO_PASSWORD, rejectionOf as rejection, type Testbed } from "../../../test/support/testbed";

describe("auth router", () => {
  let testbed: Testbed;
  beforeAll(async () => {
    testbed = await createTestbed();
  });
  afterAll(() => testbed.close());

  const sessionCount = () => testbed.orm.em.fork().count(Session);

  it("signs in the demo admin and remembers them through an httpOnly session cookie", async () => {
    const { api, cookies } = testbed.browser();
    expect(await api.auth.me()).toBeNull();

    const { user } = await api.auth.signIn({ email: "admin@askpro.test", password: DEMO_PASSWORD });
    expect(user).toMatchObject({ email: "admin@askpro.test", role: "admin", company: { name: "AskProAI", slug: "askproai" } });

    const [cookie] = cookies.received;
    expect(cookie).toMatchObject({ name: SESSION_COOKIE, httpOnly: true, sameSite: "lax", path: "/", secure: false });
    expect(cookie?.maxAge).toBe(30 * 24 * 60 * 60);
    expect(await api.auth.me()).toEqual(user);
  });

  it("stores only a hash of the session token", async () => {
    const { api, cookies } = testbed.browser();
    await api.auth.signIn({ email: "viewer@askpro.test", password: DEMO_PASSWORD });
    const token = cookies.get(SESSION_COOKIE) ?? "";
    const em = testbed.orm.em.fork();
    expect(await em.findOne(Session, { id: token })).toBeNull();
    expect(await em.findOne(Session, { id: sessionIdFor(token) })).not.toBeNull();
  });

  it("matches the e-mail address case-insensitively", async () => {
    const { api } = testbed.browser();
    const { user } = await api.auth.signIn({ email: "  Admin@AskPro.TEST ", password: DEMO_PASSWORD });
    expect(user.email).toBe("admin@askpro.test");
  });

  it("gives the same answer for a wrong password and an unknown user, and starts no session", async () => {
    const before = await sessionCount();
    const { api, cookies } = testbed.browser();
    const wrongPassword = await rejection(api.auth.signIn({ email: "admin@askpro.test", password: "wrong" }));
    const unknownUser = await rejection(api.auth.signIn({ email: "nobody@askpro.test", password: DEMO_PASSWORD }));
    for (const error of [wrongPassword, unknownUser]) {
      expect(error.code).toBe("UNAUTHORIZED");
      expect(error.message).toBe("Invalid email or password");
    }
    expect(cookies.received).toEqual([]);
    expect(await sessionCount()).toBe(before);
  });

  it("issues a new token at every sign-in and ends the previous session", async () => {
    const { api, cookies } = testbed.browser();
    await api.auth.signIn({ email: "admin@askpro.test", password: DEMO_PASSWORD });
    const first = cookies.get(SESSION_COOKIE) ?? "";
    await api.auth.signIn({ email: "admin@askpro.test", password: DEMO_PASSWORD });
    const second = cookies.get(SESSION_COOKIE) ?? "";

    expect(second).not.toBe(first);
    const em = testbed.orm.em.fork();
    expect(await em.findOne(Session, { id: sessionIdFor(first) })).toBeNull();
    expect(await em.findOne(Session, { id: sessionIdFor(second) })).not.toBeNull();
  });

  it("never adopts a session token planted in the browser before sign-in (session fixation)", async () => {
    const { api, cookies } = testbed.browser();
    const planted = "planted-by-an-attacker-0123456789abcdefghijklmn";
    cookies.values.set(SESSION_COOKIE, planted);
    await api.auth.signIn({ email: "admin@askpro.test", password: DEMO_PASSWORD });

    const issued = cookies.get(SESSION_COOKIE) ?? "";
    expect(issued).not.toBe(planted);
    expect(issued).toMatch(/^[\w-]{43}$/);
    const em = testbed.orm.em.fork();
    expect(await em.findOne(Session, { id: sessionIdFor(planted) })).toBeNull();
    const attacker = testbed.browser();
    attacker.cookies.values.set(SESSION_COOKIE, planted);
    expect(await attacker.api.auth.me()).toBeNull();
  });

  it("signs out on the server: the old cookie no longer works", async () => {
    const { api, cookies } = testbed.browser();
    await api.auth.signIn({ email: "admin@askpro.test", password: DEMO_PASSWORD });
    const token = cookies.get(SESSION_COOKIE) ?? "";

    expect(await api.auth.signOut()).toEqual({ ok: true });
    expect(cookies.get(SESSION_COOKIE)).toBeUndefined();
    expect(cookies.received.at(-1)).toMatchObject({ name: SESSION_COOKIE, maxAge: 0 });

    // A copy of the cookie kept by an attacker (or another tab) is dead too.
    const replay = testbed.browser();
    replay.cookies.values.set(SESSION_COOKIE, token);
    expect(await replay.api.auth.me()).toBeNull();
    expect((await rejection(replay.api.service.list())).code).toBe("UNAUTHORIZED");
  });

  it("treats an expired session as signed out and deletes it", async () => {
    const { api, cookies } = testbed.browser();
    await api.auth.signIn({ email: "admin@askpro.test", password: DEMO_PASSWORD });
    const id = sessionIdFor(cookies.get(SESSION_COOKIE) ?? "");
    await testbed.orm.em.fork().nativeUpdate(Session, { id }, { expiresAt: new Date(Date.now() - 1000) });

    expect(await api.auth.me()).toBeNull();
    expect(await testbed.orm.em.fork().findOne(Session, { id })).toBeNull();
  });

  it("refreshes lastSeenAt while the session is used", async () => {
    const { api, cookies } = testbed.browser();
    await api.auth.signIn({ email: "admin@askpro.test", password: DEMO_PASSWORD });
    const id = sessionIdFor(cookies.get(SESSION_COOKIE) ?? "");
    const anHourAgo = new Date(Date.now() - 60 * 60 * 1000);
    await testbed.orm.em.fork().nativeUpdate(Session, { id }, { lastSeenAt: anHourAgo });

    await api.auth.me();
    const session = await testbed.orm.em.fork().findOneOrFail(Session, { id });
    expect(session.lastSeenAt.getTime()).toBeGreaterThan(anHourAgo.getTime() + 59 * 60 * 1000);
  });

  it("rejects a malformed e-mail address as bad input", async () => {
    const { api } = testbed.browser();
    const error = await rejection(api.auth.signIn({ email: "not an email", password: "x" }));
    expect(error.code).toBe("BAD_REQUEST");
  });
});
