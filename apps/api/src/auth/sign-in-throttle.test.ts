import { createHash } from "node:crypto";
import { Session, SignInThrottle, User } from "@askpro/db";
import { createTestOrm, type TestOrm } from "@askpro/db/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { INVALID_CREDENTIALS } from "../routers/auth/signIn.handler";
import { BLOCKED_MEMO_MS, TOO_MANY_SIGN_IN_FAILURES } from "./sign-in-admission";
import { bodyOf, type ListeningApp, listen, postJson, type TrpcErrorBody } from "../../test/support/http";
import { createTestbed, DEMO_PASSWORD, rejectionOf, type Testbed, testEnv } from "../../test/support/testbed";
import { BATCH_TOO_LARGE, ONE_SIGN_IN_PER_BATCH } from "../batch-limits";
import { MAX_SIGN_IN_FAILURES } from "./sign-in-throttle";

describe("sign-in throttling", () => {
  let testbed: Testbed;
  let nextIp = 1;
  /** Each call a new client address, so only the per-account limit is at play. */
  const freshIp = () => `203.0.113.${nextIp++}`;

  beforeAll(async () => {
    testbed = await createTestbed();
  });
  afterAll(() => testbed.close());

  /** A user of AskProAI with the demo password, one per test so their counters start at zero. */
  async function createUser(email: string): Promise<string> {
    const em = testbed.orm.em.fork();
    const admin = await em.findOneOrFail(User, { email: "admin@askpro.test" }, { populate: ["passwordHash", "company"] });
    em.create(User, { email, role: "admin", company: admin.company, passwordHash: admin.passwordHash });
    await em.flush();
    return email;
  }

  const signIn = (email: string, password: string, clientIp = freshIp()) => testbed.browser({ clientIp }).api.auth.signIn({ email, password });
  const failureCode = async (email: string, password: string, clientIp?: string) => (await rejectionOf(signIn(email, password, clientIp))).code;

  async function failTimes(times: number, email: string, clientIp?: () => string) {
    for (let i = 0; i < times; i++) expect(await failureCode(email, "wrong password", clientIp?.())).toBe("UNAUTHORIZED");
  }

  it(`blocks an account after ${MAX_SIGN_IN_FAILURES} failures, even with the right password, with one generic message`, async () => {
    const email = await createUser("blocked@askpro.test");
    const sessionsBefore = await testbed.orm.em.fork().count(Session);
    await failTimes(MAX_SIGN_IN_FAILURES, email);

    const { api, cookies } = testbed.browser({ clientIp: freshIp() });
    const error = await rejectionOf(api.auth.signIn({ email, password: DEMO_PASSWORD }));
    expect([error.code, error.message]).toEqual(["TOO_MANY_REQUESTS", TOO_MANY_SIGN_IN_FAILURES]);
    expect(cookies.received).toEqual([]);
    expect(await testbed.orm.em.fork().count(Session)).toBe(sessionsBefore);
    // Other accounts are not affected.
    expect((await signIn("admin@askpro.test", DEMO_PASSWORD)).user.email).toBe("admin@askpro.test");
  });

  it("answers an unknown e-mail address exactly like a known one", async () => {
    const unknown = "nobody-here@askpro.test";
    await failTimes(MAX_SIGN_IN_FAILURES, unknown);
    const error = await rejectionOf(signIn(unknown, DEMO_PASSWORD));
    expect([error.code, error.message]).toEqual(["TOO_MANY_REQUESTS", TOO_MANY_SIGN_IN_FAILURES]);
  });

  it("allows the account again once the 15-minute window has passed", async () => {
    const email = await createUser("waited@askpro.test");
    await failTimes(MAX_SIGN_IN_FAILURES, email);
    expect(await failureCode(email, DEMO_PASSWORD)).toBe("TOO_MANY_REQUESTS");

    await testbed.orm.em.fork().nativeUpdate(SignInThrottle, { scope: "account" }, { windowStartedAt: new Date(Date.now() - 15 * 60_000 - 1_000) });
    // This process remembers the refusal for a few seconds, on its own clock: those seconds pass too.
    expect(await failureCode(email, DEMO_PASSWORD)).toBe("TOO_MANY_REQUESTS");
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + BLOCKED_MEMO_MS });
    try {
      expect((await signIn(email, DEMO_PASSWORD)).user.email).toBe(email);
    } finally {
      vi.useRealTimers();
    }
  });

  it("starts the account afresh after a successful sign-in", async () => {
    const email = await createUser("recovered@askpro.test");
    await failTimes(MAX_SIGN_IN_FAILURES - 1, email);
    await signIn(email, DEMO_PASSWORD);
    await failTimes(MAX_SIGN_IN_FAILURES - 1, email);
    expect((await signIn(email, DEMO_PASSWORD)).user.email).toBe(email);
  });

  it(`blocks an address after ${MAX_SIGN_IN_FAILURES} failures over any accounts; other addresses still sign in`, async () => {
    const attacker = "198.51.100.7";
    for (let i = 0; i < MAX_SIGN_IN_FAILURES; i++) {
      expect(await failureCode(`guess-${i}@askpro.test`, "wrong password", attacker)).toBe("UNAUTHORIZED");
    }
    const error = await rejectionOf(signIn("admin@askpro.test", DEMO_PASSWORD, attacker));
    expect([error.code, error.message]).toEqual(["TOO_MANY_REQUESTS", TOO_MANY_SIGN_IN_FAILURES]);
    expect((await signIn("admin@askpro.test", DEMO_PASSWORD, "198.51.100.8")).user.email).toBe("admin@askpro.test");
  });

  it("counts every one of many concurrent failures", async () => {
    const email = await createUser("concurrent@askpro.test");
    const codes = await Promise.all(Array.from({ length: 15 }, () => failureCode(email, "wrong password")));
    expect(codes.every((code) => code === "UNAUTHORIZED" || code === "TOO_MANY_REQUESTS")).toBe(true);
    const row = await testbed.orm.em.fork().findOneOrFail(SignInThrottle, { scope: "account", subjectHash: createHash("sha256").update(email).digest("hex") });
    expect(row.failures).toBe(codes.filter((code) => code === "UNAUTHORIZED").length);
    expect(row.failures).toBeGreaterThanOrEqual(MAX_SIGN_IN_FAILURES);
    expect(await failureCode(email, DEMO_PASSWORD)).toBe("TOO_MANY_REQUESTS");
  });

  it("stores neither e-mail addresses nor IPs in the clear", async () => {
    const rows = await testbed.orm.em.fork().find(SignInThrottle, {});
    expect(rows.length).toBeGreaterThan(0);
    const table = JSON.stringify(rows);
    for (const clear of ["askpro.test", "198.51.100.7", "203.0.113."]) expect(table).not.toContain(clear);
    expect(rows.every((row) => /^[0-9a-f]{64}$/.test(row.subjectHash))).toBe(true);
  });

  it("still says 'Invalid email or password' below the limit", async () => {
    const error = await rejectionOf(signIn("admin@askpro.test", "wrong password"));
    expect([error.code, error.message]).toEqual(["UNAUTHORIZED", INVALID_CREDENTIALS]);
  });
});

describe("sign-in throttling over HTTP", () => {
  let db: TestOrm;
  let first: ListeningApp;
  let second: ListeningApp;
  beforeAll(async () => {
    db = await createTestOrm({ seed: true });
    // Two api instances on one database, behind a proxy on loopback that names the client in X-Forwarded-For.
    const env = testEnv(db.url, { TRUST_PROXY: "loopback" });
    [first, second] = await Promise.all([listen({ orm: db.orm, env, logger: pino({ level: "silent" }) }), listen({ orm: db.orm, env, logger: pino({ level: "silent" }) })]);
  });
  afterAll(async () => {
    await Promise.all([first.close(), second.close()]);
    await db.close();
  });

  const signInAs = (app: ListeningApp, email: string, password: string, client: string) =>
    postJson(`${app.url}/trpc/auth.signIn`, { email, password }, { "x-forwarded-for": client });
  const signIn = (app: ListeningApp, password: string, client: string) => signInAs(app, "viewer@askpro.test", password, client);

  async function createUserIn(email: string): Promise<string> {
    const em = db.orm.em.fork();
    const admin = await em.findOneOrFail(User, { email: "admin@askpro.test" }, { populate: ["passwordHash", "company"] });
    em.create(User, { email, role: "admin", company: admin.company, passwordHash: admin.passwordHash });
    await em.flush();
    return email;
  }

  /** A 401 is a password that was checked and found wrong. */
  const statuses = (responses: Response[]) => responses.map((response) => response.status);
  const count = (values: number[], value: number) => values.filter((each) => each === value).length;

  const signInBatch = (email: string, passwords: string[], client: string) =>
    postJson(
      `${first.url}/trpc/${passwords.map(() => "auth.signIn").join(",")}?batch=1`,
      Object.fromEntries(passwords.map((password, index) => [index, { email, password }])),
      { "x-forwarded-for": client },
    );

  it("signs nobody in from a batch of 29 wrong passwords and the right one last", async () => {
    const email = await createUserIn("batched@askpro.test");
    const response = await signInBatch(email, [...Array.from({ length: 29 }, () => "wrong password"), DEMO_PASSWORD], "192.0.2.90");
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain(BATCH_TOO_LARGE);
    expect((await signInAs(first, email, DEMO_PASSWORD, "192.0.2.91")).status).toBe(200);
  });

  it("refuses a batch with two sign-ins whole, with a 400 that says why", async () => {
    const email = await createUserIn("batched-twice@askpro.test");
    const response = await signInBatch(email, ["wrong password", DEMO_PASSWORD], "192.0.2.92");
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.status).toBe(400);
    const body = await bodyOf<TrpcErrorBody[]>(response);
    expect(body.map((each) => [each.error.message, each.error.data.code])).toEqual([
      [ONE_SIGN_IN_PER_BATCH, "BAD_REQUEST"],
      [ONE_SIGN_IN_PER_BATCH, "BAD_REQUEST"],
    ]);
    // One sign-in in a batch with other calls is how the SPA may send it: allowed.
    const mixed = await postJson(`${first.url}/trpc/auth.signOut,auth.signIn?batch=1`, { 1: { email, password: DEMO_PASSWORD } }, { "x-forwarded-for": "192.0.2.92" });
    expect(mixed.status).toBe(200);
    expect(mixed.headers.get("set-cookie")).not.toBeNull();
  });

  it(`checks at most ${MAX_SIGN_IN_FAILURES} wrong passwords of 60 sent at once for one account, then refuses the right one`, async () => {
    const email = await createUserIn("burst@askpro.test");
    const burst = await Promise.all(Array.from({ length: 60 }, (_, i) => signInAs(first, email, "wrong password", `192.0.2.${100 + i}`)));
    const codes = statuses(burst);
    expect(count(codes, 401)).toBeLessThanOrEqual(MAX_SIGN_IN_FAILURES);
    expect(count(codes, 401) + count(codes, 429)).toBe(60);
    const right = await signInAs(second, email, DEMO_PASSWORD, "192.0.2.99");
    expect(right.status).toBe(429);
    expect(right.headers.get("set-cookie")).toBeNull();
  });

  it(`checks at most ${MAX_SIGN_IN_FAILURES} wrong passwords of 60 sent at once from one address over many accounts`, async () => {
    const burst = await Promise.all(Array.from({ length: 60 }, (_, i) => signInAs(i % 2 ? first : second, `burst-${i}@askpro.test`, "wrong password", "192.0.2.77")));
    expect(count(statuses(burst), 401)).toBeLessThanOrEqual(MAX_SIGN_IN_FAILURES);
    expect((await signInAs(first, "admin@askpro.test", DEMO_PASSWORD, "192.0.2.77")).status).toBe(429);
  });

  it("refuses a blocked address without asking the database again for a few seconds", async () => {
    const attacker = "192.0.2.55";
    for (let i = 0; i < MAX_SIGN_IN_FAILURES; i++) expect((await signInAs(first, `probe-${i}@askpro.test`, "wrong password", attacker)).status).toBe(401);
    expect((await signInAs(first, "probe-x@askpro.test", "wrong password", attacker)).status).toBe(429);
    // Were the database asked, this would now go through: the address's row is gone.
    await db.orm.em.fork().nativeDelete(SignInThrottle, { scope: "ip" });
    expect((await signInAs(first, "admin@askpro.test", DEMO_PASSWORD, attacker)).status).toBe(429);
    // A few seconds later the database is asked again, and decides.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + BLOCKED_MEMO_MS });
    try {
      expect((await signInAs(first, "admin@askpro.test", DEMO_PASSWORD, attacker)).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it("counts no attempt against the account from an address that is already blocked", async () => {
    const email = await createUserIn("bystander@askpro.test");
    const attacker = "192.0.2.66";
    for (let i = 0; i < MAX_SIGN_IN_FAILURES; i++) expect((await signInAs(first, `other-${i}@askpro.test`, "wrong password", attacker)).status).toBe(401);
    for (let i = 0; i < MAX_SIGN_IN_FAILURES + 5; i++) expect((await signInAs(first, email, "wrong password", attacker)).status).toBe(429);
    // The blocked address spent none of the account's attempts: its owner still signs in from elsewhere.
    expect((await signInAs(second, email, DEMO_PASSWORD, "192.0.2.67")).status).toBe(200);
  });

  it("counts failures on one instance against the other, and answers 429 with the generic message", async () => {
    for (let i = 0; i < MAX_SIGN_IN_FAILURES; i++) {
      // A new client each time: the account's counter, not an address's, blocks.
      expect((await signIn(i % 2 ? first : second, "wrong password", `192.0.2.${i + 1}`)).status).toBe(401);
    }
    const blocked = await signIn(second, DEMO_PASSWORD, "192.0.2.200");
    expect(blocked.status).toBe(429);
    expect((await bodyOf<TrpcErrorBody>(blocked)).error).toMatchObject({ message: TOO_MANY_SIGN_IN_FAILURES, data: { code: "TOO_MANY_REQUESTS" } });
    expect(blocked.headers.get("set-cookie")).toBeNull();

    // Without TRUST_PROXY every request would come from the proxy's 127.0.0.1, blocked by now as an address.
    const other = await postJson(`${first.url}/trpc/auth.signIn`, { email: "admin@askpro.test", password: DEMO_PASSWORD }, { "x-forwarded-for": "192.0.2.201" });
    expect(other.status).toBe(200);
  });
});
