import { type CalcomSandbox, startCalcomSandbox } from "@askpro/calcom/sandbox";
import { Company, insertBulkRun, Service } from "@askpro/db";
import { createTestOrm, type TestOrm } from "@askpro/db/testing";
import { serviceUpdateSchema } from "@askpro/domain";
import type { AnyProcedure } from "@trpc/server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_SIGN_IN_FAILURES } from "./auth/sign-in-throttle";
import { MAX_BATCH_SIZE, ONE_SIGN_IN_PER_BATCH } from "./batch-limits";
import { MAX_INPUT_DEPTH, TOO_DEEP_MESSAGE } from "./input-hygiene";
import { appRouter } from "./router";
import { capturingLogger, type ListeningApp, listen, postJson, signInOverHttp } from "../test/support/http";
import { PROCEDURE_CASES, type TenantIds } from "../test/support/procedure-cases";
import { DEMO_PASSWORD, testEnv } from "../test/support/testbed";

/** Inputs per procedure: bounded so the whole file stays well under a minute. */
const RUNS_PER_PROCEDURE = 100;
/** Node refuses request lines beyond 16 KiB before the api sees them; query inputs travel in the URL. */
const MAX_QUERY_URL = 15_000;
/** The typed errors hostile input may get; anything else (a 500 above all) fails the property. */
// PRECONDITION_FAILED: the picker and link need the company's Cal.com key, which this run has none of.
const EXPECTED_ERRORS = new Set(["BAD_REQUEST", "NOT_FOUND", "FORBIDDEN", "UNAUTHORIZED", "CONFLICT", "TOO_MANY_REQUESTS", "PAYLOAD_TOO_LARGE", "PRECONDITION_FAILED"]);
/** Run last: they end the session, remove the records or use up the sign-in budget the others start from. */
const DESTRUCTIVE = ["service.delete", "company.calcomKey.clear", "auth.signOut", "auth.signIn"];

// Typed as the nested router record, but flat at runtime: one entry per procedure, keyed by its dotted path.
const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
const paths = Object.keys(procedures).sort((x, y) => Number(DESTRUCTIVE.includes(x)) - Number(DESTRUCTIVE.includes(y)) || x.localeCompare(y));

const NASTY_STRINGS = [
  "",
  " ",
  "\u0000",
  "name\u0000with nul",
  "\ud800",
  "\u202e\u200b",
  "'; DROP TABLE services; --",
  "' OR '1'='1",
  "%_\\",
  "NaN",
  "Infinity",
  "-0",
  "1e309",
  "0x1F",
  "9007199254740993",
  "__proto__",
  "constructor",
  "<img src=x onerror=alert(1)>",
  // Template injection probes, sent as plain text.
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal text is the probe
  "${7*7}{{7*7}}",
  "../../etc/passwd",
  "null",
  "Z\u0364\u0351a\u0308\u0347lgo",
  "🔥".repeat(300),
  "00000000-0000-0000-0000-000000000000",
  "cal_live_0123456789abcdef",
  "a".repeat(5_000),
];
/** Mutations only: too long for a URL. */
const HUGE_STRINGS = ["x".repeat(200_000), "\u0000".repeat(50_000), "é".repeat(1_100_000)];

const numbers = fc.oneof(
  { arbitrary: fc.constantFrom(0, -1, 0.5, 2 ** 31 - 1, 2 ** 31, 2 ** 32, -(2 ** 31) - 1, 2 ** 53, 2 ** 63, 1e308, -1e308, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER), weight: 2 },
  fc.integer(),
  fc.double(),
);

function hostileStrings(huge: boolean) {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 3 },
    ...(huge ? [fc.constantFrom(...HUGE_STRINGS)] : []),
    fc.string({ unit: "binary", maxLength: 200 }),
    fc.string({ unit: "grapheme", maxLength: 50 }),
    fc.uuid(),
    fc.emailAddress(),
  );
}

function hostileValues(huge: boolean) {
  const keys = fc.oneof(fc.constantFrom("id", "companyId", "__proto__", "constructor", "name", "version", "apiKey"), fc.string({ maxLength: 10 }));
  const leaf = fc.oneof(hostileStrings(huge), numbers, fc.boolean(), fc.constant(null));
  return fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      { arbitrary: leaf, weight: 3 },
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(keys, tie("value"), { maxKeys: 4 }),
    ),
  })).value;
}

/** What one run sends: anything at all, or the procedure's valid input (built fresh for the run) patched. */
type HostileInput = { anything: unknown } | { set: Record<string, unknown>; remove: string[] };

/**
 * Mostly the valid input with one to three fields replaced (by a hostile value of the same JSON type,
 * or by anything) or removed: that is what gets past the schema's first checks into the handlers and
 * the database.
 */
function hostileInputsFor(path: string, tenant: TenantIds, huge: boolean): fc.Arbitrary<HostileInput> {
  const anything = hostileValues(huge);
  const base = PROCEDURE_CASES[path]?.input(tenant);
  const everything = anything.map((value) => ({ anything: value }));
  if (!base || typeof base !== "object") return everything;
  const fields = Object.entries(base as Record<string, unknown>);
  const sameType = (value: unknown) => (typeof value === "string" ? hostileStrings(huge) : typeof value === "number" ? numbers : anything);
  const typed = fc
    .subarray(fields, { minLength: 1, maxLength: Math.min(3, fields.length) })
    .chain((chosen) => fc.tuple(...chosen.map(([name, value]) => fc.tuple(fc.constant(name), sameType(value)))))
    .map((pairs) => ({ set: Object.fromEntries(pairs), remove: [] }));
  const retyped = fc.dictionary(fc.constantFrom(...fields.map(([name]) => name)), anything, { minKeys: 1, maxKeys: 2 }).map((set) => ({ set, remove: [] }));
  const removed = fc.subarray(fields.map(([name]) => name), { minLength: 1, maxLength: Math.min(2, fields.length) }).map((remove) => ({ set: {}, remove }));
  return fc.oneof({ arbitrary: typed, weight: 5 }, { arbitrary: retyped, weight: 2 }, { arbitrary: everything, weight: 1 }, { arbitrary: removed, weight: 1 });
}

function applyHostile(hostile: HostileInput, base: unknown): unknown {
  if ("anything" in hostile) return hostile.anything;
  const patched: Record<string, unknown> = { ...(base as Record<string, unknown>), ...hostile.set };
  for (const name of hostile.remove) delete patched[name];
  return patched;
}

interface Answer {
  status: number;
  body: { result?: unknown; error?: { message: string; data?: { code?: string; httpStatus?: number } } };
}

describe("hostile input over HTTP, every procedure (fast-check)", () => {
  let db: TestOrm;
  let app: ListeningApp;
  let sandbox: CalcomSandbox;
  let log: ReturnType<typeof capturingLogger>;
  let tenant: TenantIds;
  const cookies: Record<string, string> = {};
  /** Per procedure: how many inputs got which answer (OK or the error code). */
  const answers: Record<string, Record<string, number>> = {};

  beforeAll(async () => {
    db = await createTestOrm({ seed: true });
    log = capturingLogger();
    // The procedures that read Cal.com (import, test connection) meet the sandbox, not an unreachable
    // host: their answers must be typed errors or successes as they would be in production.
    // A limit this run never reaches: it sends hundreds of valid calls within a minute, and a wait for
    // the key's budget (or its 503) would be about rate limits, which other tests cover, not input.
    sandbox = await startCalcomSandbox({ rateLimit: { limit: 100_000 } });
    // Behind a proxy on loopback: each auth.signIn comes from an address of its own (see send).
    app = await listen({
      orm: db.orm,
      env: testEnv(db.url, { LOG_LEVEL: "info", CALCOM_API_URL: sandbox.url, CALCOM_API_KEY: "cal_test_askpro_demo", TRUST_PROXY: "loopback" }),
      logger: log.logger,
    });
    cookies.admin = await signInOverHttp(app.url, "admin@askpro.test", DEMO_PASSWORD);
    // auth.signOut ends the session it is sent with: it gets its own.
    cookies.signOut = await signInOverHttp(app.url, "admin@askpro.test", DEMO_PASSWORD);
    const em = db.orm.em.fork();
    const company = await em.findOneOrFail(Company, { slug: "askproai" });
    const service = await em.findOneOrFail(Service, { company, slug: "15-minuten-schnellberatung" });
    const dto = await fetch(`${app.url}/trpc/service.byId?input=${encodeURIComponent(JSON.stringify({ id: service.id }))}`, { headers: { cookie: cookies.admin } });
    const serviceUpdate = serviceUpdateSchema.parse(((await dto.json()) as { result: { data: unknown } }).result.data);
    const bulkRunId = await insertBulkRun(em, { companyId: company.id, requestedById: null, skipped: 0, at: new Date() });
    tenant = { companyId: company.id, serviceId: service.id, serviceUpdate, bulkRunId };
  });
  afterAll(async () => {
    const total = Object.values(answers).reduce((sum, counts) => sum + Object.values(counts).reduce((a, b) => a + b, 0), 0);
    console.info(`Hostile input: ${total} inputs over ${Object.keys(answers).length} procedures`);
    for (const [path, counts] of Object.entries(answers)) console.info(`  ${path}: ${JSON.stringify(counts)}`);
    await app.close();
    await sandbox.stop();
    await db.close();
  });

  async function currentTenant(): Promise<TenantIds> {
    const service = await db.orm.em.fork().findOne(Service, { id: tenant.serviceId });
    return service ? { ...tenant, serviceUpdate: { ...tenant.serviceUpdate, version: service.version } } : tenant;
  }

  let signInAddress = 0;
  async function send(path: string, input: unknown): Promise<Answer> {
    const cookie = (path === "auth.signOut" ? cookies.signOut : cookies.admin) ?? "";
    // This run is about input, not the throttle (its own tests): from one address, the sign-ins after
    // its tenth failure would each be refused a second later by the sign-in gate, past the test's time.
    const from = path === "auth.signIn" ? { "x-forwarded-for": `203.0.113.${(signInAddress++ % 250) + 1}` } : {};
    const response =
      procedures[path]?._def.type === "query"
        ? await fetch(`${app.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { cookie } })
        : await fetch(`${app.url}/trpc/${path}`, {
            method: "POST",
            headers: { "content-type": "application/json", cookie, origin: app.url, ...from },
            body: JSON.stringify(input),
          });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) as Answer["body"] };
    } catch {
      throw new Error(`${path} answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`);
    }
  }

  it.each(paths)("%s: never a 500, always success or a typed tRPC error", async (path) => {
    const isQuery = procedures[path]?._def.type === "query";
    const logStart = log.lines.length;
    const urlLength = (input: unknown) => encodeURIComponent(JSON.stringify(input) ?? "").length + path.length + 40;
    await fc.assert(
      fc.asyncProperty(hostileInputsFor(path, tenant, !isQuery), async (hostile) => {
        // Fresh: the version service.update needs moves on with every update that succeeds.
        const input = applyHostile(hostile, PROCEDURE_CASES[path]?.input(await currentTenant()));
        fc.pre(!isQuery || urlLength(input) < MAX_QUERY_URL);
        const { status, body } = await send(path, input);
        const outcome = status === 200 ? "OK" : (body.error?.data?.code ?? String(status));
        const counts = answers[path] ?? {};
        counts[outcome] = (counts[outcome] ?? 0) + 1;
        answers[path] = counts;
        if (status === 200) {
          expect(body).toHaveProperty("result");
          return;
        }
        expect(status).toBeLessThan(500);
        expect(EXPECTED_ERRORS).toContain(body.error?.data?.code);
        expect(body.error?.data?.httpStatus).toBe(status);
      }),
      { numRuns: RUNS_PER_PROCEDURE },
    );
    const failures = log.lines.slice(logStart).filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
    expect(failures).toEqual([]);
  });
});

/** Problems no single input shows: depth, batch size, and many requests at once. */
describe("hostile shapes and bursts over HTTP", () => {
  let db: TestOrm;
  let app: ListeningApp;
  let log: ReturnType<typeof capturingLogger>;
  let cookie: string;
  beforeAll(async () => {
    db = await createTestOrm({ seed: true });
    log = capturingLogger();
    // Behind a proxy on loopback, so that requests can come from many client addresses.
    app = await listen({ orm: db.orm, env: testEnv(db.url, { LOG_LEVEL: "info", TRUST_PROXY: "loopback" }), logger: log.logger });
    // Not the admin: the fuzzing above used up that account's attempts, which this process remembers for a few seconds.
    cookie = await signInOverHttp(app.url, "viewer@askpro.test", DEMO_PASSWORD, { "x-forwarded-for": "192.0.2.1" });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  const errorLines = () => log.lines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
  /** `[[[...]]]` as JSON text: JSON.stringify itself recurses. */
  const deep = (depth: number) => `${"[".repeat(depth)}0${"]".repeat(depth)}`;

  it.each(paths)("%s: input nested 8,000 levels deep (or past the limit, in a URL) is a 400 that says why", async (path) => {
    const isQuery = procedures[path]?._def.type === "query";
    const response = isQuery
      ? await fetch(`${app.url}/trpc/${path}?input=${encodeURIComponent(`{"id":${deep(MAX_INPUT_DEPTH)}}`)}`, { headers: { cookie } })
      : await fetch(`${app.url}/trpc/${path}`, {
          method: "POST",
          headers: { "content-type": "application/json", cookie, origin: app.url, "x-forwarded-for": "192.0.2.2" },
          body: `{"id":${deep(8_000)},"email":${deep(8_000)}}`,
        });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toBe(TOO_DEEP_MESSAGE);
    expect(errorLines()).toEqual([]);
  });

  it(`answers a batch of up to ${MAX_BATCH_SIZE} calls, and refuses a longer one or one with two sign-ins, whole, with a 400`, async () => {
    const batch = (paths: string[], init?: RequestInit) => fetch(`${app.url}/trpc/${paths.join(",")}?batch=1`, { ...init, headers: { cookie, ...init?.headers } });
    expect((await batch(Array.from({ length: MAX_BATCH_SIZE }, () => "auth.me"))).status).toBe(200);
    expect((await batch(Array.from({ length: MAX_BATCH_SIZE + 1 }, () => "auth.me"))).status).toBe(400);
    expect((await batch(Array.from({ length: 1_500 }, () => "auth.me"), { method: "POST", headers: { "content-type": "application/json", origin: app.url }, body: "{}" })).status).toBe(400);
    const signIns = await batch(["auth.signIn", "auth.signIn"], {
      method: "POST",
      headers: { "content-type": "application/json", origin: app.url, "x-forwarded-for": "192.0.2.3" },
      body: JSON.stringify({ 0: { email: "admin@askpro.test", password: "wrong" }, 1: { email: "admin@askpro.test", password: DEMO_PASSWORD } }),
    });
    expect(signIns.status).toBe(400);
    expect(signIns.headers.get("set-cookie")).toBeNull();
    expect(JSON.stringify(await signIns.json())).toContain(ONE_SIGN_IN_PER_BATCH);
    expect(errorLines()).toEqual([]);
  });

  it("answers 300 sign-ins at once from 30 addresses with 401 or 429 only, checking at most the allowed failures, and keeps serving the signed-in", async () => {
    const burst = Array.from({ length: 300 }, (_, i) =>
      postJson(`${app.url}/trpc/auth.signIn`, { email: `burst-${i % 7}@askpro.test`, password: "wrong" }, { "x-forwarded-for": `198.51.100.${i % 30}` }),
    );
    const listed = await fetch(`${app.url}/trpc/service.list?input=${encodeURIComponent(JSON.stringify({ page: 1, pageSize: 20 }))}`, { headers: { cookie } });
    const statuses = (await Promise.all(burst)).map((response) => response.status);
    expect(listed.status).toBe(200);
    expect(new Set(statuses)).toEqual(new Set([401, 429]));
    // Seven accounts: no more than their budgets were checked, whatever the addresses.
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(7 * MAX_SIGN_IN_FAILURES);
    expect(errorLines()).toEqual([]);
  });
});
