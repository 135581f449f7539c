import { createTestOrm, type TestOrm } from "@askpro/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bodyOf, capturingLogger, type ListeningApp, listen, postJson, type TrpcErrorBody } from "../../test/support/http";
import { DEMO_PASSWORD, testEnv } from "../../test/support/testbed";
import { passwordChecks } from "./password-check";
import { SIGN_IN_BUSY, TOO_MANY_SIGN_IN_FAILURES } from "./sign-in-admission";
import { MAX_SIGN_IN_FAILURES } from "./sign-in-throttle";

describe("sign-ins refused before tRPC reads them", () => {
  let db: TestOrm;
  let app: ListeningApp;
  const log = capturingLogger("warn");
  beforeAll(async () => {
    db = await createTestOrm({ seed: true });
    app = await listen({ orm: db.orm, env: testEnv(db.url, { TRUST_PROXY: "loopback" }), logger: log.logger });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const signIn = (email: string, password: string, client: string) => postJson(`${app.url}/trpc/auth.signIn`, { email, password }, { "x-forwarded-for": client });
  /** Raw body text, which tRPC would answer with a 400 had it read it. */
  const postRaw = (path: string, body: string, client: string) =>
    fetch(`${app.url}/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json", "x-forwarded-for": client }, body });

  async function blockAddress(client: string) {
    for (let i = 0; i < MAX_SIGN_IN_FAILURES; i++) expect((await signIn(`gate-${client}-${i}@askpro.test`, "wrong password", client)).status).toBe(401);
    // The database refuses this one, and the process remembers the address for a few seconds.
    expect((await signIn("gate-one-more@askpro.test", "wrong password", client)).status).toBe(429);
  }

  it("answers a blocked address with the 429 tRPC gives, without reading the body", async () => {
    // An account blocked in the database: refused inside the procedure, as tRPC answers.
    for (let i = 0; i < MAX_SIGN_IN_FAILURES; i++) expect((await signIn("gate-account@askpro.test", "wrong password", `192.0.2.${10 + i}`)).status).toBe(401);
    const byTrpc = await signIn("gate-account@askpro.test", DEMO_PASSWORD, "192.0.2.30");
    expect(byTrpc.status).toBe(429);

    await blockAddress("192.0.2.40");
    const byGate = await postRaw("auth.signIn", "{ not json", "192.0.2.40");
    expect(byGate.status).toBe(429);
    expect(byGate.headers.get("content-type")).toContain("application/json");
    const body = await bodyOf<TrpcErrorBody>(byGate);
    expect(body).toEqual(await bodyOf<TrpcErrorBody>(byTrpc));
    expect(body.error.message).toBe(TOO_MANY_SIGN_IN_FAILURES);
    // The same body from another address is still read by tRPC.
    expect((await postRaw("auth.signIn", "{ not json", "192.0.2.41")).status).toBe(400);
  });

  it("refuses a batch carrying the sign-in whole, one tRPC error per call", async () => {
    await blockAddress("192.0.2.50");
    const response = await postRaw("auth.me,auth.signIn?batch=1", "{ not json", "192.0.2.50");
    expect(response.status).toBe(429);
    const body = await bodyOf<TrpcErrorBody[]>(response);
    expect(body.map((each) => [each.error.data.path, each.error.data.code, each.error.message])).toEqual([
      ["auth.me", "TOO_MANY_REQUESTS", TOO_MANY_SIGN_IN_FAILURES],
      ["auth.signIn", "TOO_MANY_REQUESTS", TOO_MANY_SIGN_IN_FAILURES],
    ]);
    // Two sign-ins in one batch stay tRPC's to refuse, with its 400, whoever sends them.
    expect((await postRaw("auth.signIn,auth.signIn?batch=1", "{}", "192.0.2.50")).status).toBe(400);
  });

  it("answers that the server is busy while every hashing place is held, and counts no attempt", async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const held = Array.from({ length: passwordChecks.places }, () => passwordChecks.run(() => released));
    try {
      const refused = await Promise.all(Array.from({ length: MAX_SIGN_IN_FAILURES + 5 }, () => signIn("admin@askpro.test", "wrong password", "192.0.2.60")));
      expect(refused.map((response) => response.status)).toEqual(Array.from({ length: MAX_SIGN_IN_FAILURES + 5 }, () => 429));
      expect((await bodyOf<TrpcErrorBody>(refused[0] as Response)).error.message).toBe(SIGN_IN_BUSY);
    } finally {
      release();
      await Promise.all(held);
    }
    // None of the fifteen counted against the address or the account.
    expect((await signIn("admin@askpro.test", DEMO_PASSWORD, "192.0.2.60")).status).toBe(200);
  });

  it("logs the refusals it answers as one line with their count, not a line each", async () => {
    await blockAddress("192.0.2.70");
    const before = log.lines.length;
    const refused = await Promise.all(Array.from({ length: 12 }, () => signIn("admin@askpro.test", DEMO_PASSWORD, "192.0.2.70")));
    expect(refused.map((response) => response.status)).toEqual(Array.from({ length: 12 }, () => 429));
    const parsed = (lines: string[]) => lines.map((line) => JSON.parse(line) as { event?: string; refused?: number; reason?: string });
    // Twelve refusals, at most one line (the first refusal of the file already wrote one less than GATE_LOG_INTERVAL_MS ago).
    expect(parsed(log.lines.slice(before)).length).toBeLessThanOrEqual(1);
    const tally = parsed(log.lines).filter((line) => line.event === "sign-ins-refused");
    expect(tally.length).toBeGreaterThanOrEqual(1);
    expect(tally[0]).toMatchObject({ refused: 1, reason: "throttled" });
  });
});
