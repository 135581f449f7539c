import { Company, Service } from "@askpro/db";
import { createTestOrm, type TestOrm } from "@askpro/db/testing";
import { serviceUpdateSchema } from "@askpro/domain";
import type { AnyProcedure } from "@trpc/server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "./router";
import { capturingLogger, type ListeningApp, listen, signInOverHttp } from "./test/http";
import { PROCEDURE_CASES, type TenantIds } from "./test/procedure-cases";
import { DEMO_PASSWORD, testEnv } from "./test/testbed";

/** Inputs per procedure: bounded so the whole file stays well under a minute. */
const RUNS_PER_PROCEDURE = 100;
/** Node refuses request lines beyond 16 KiB before the api sees them; query inputs travel in the URL. */
const MAX_QUERY_URL = 15_000;
/** The typed errors hostile input may get; anything else (a 500 above all) fails the property. */
const EXPECTED_ERRORS = new Set(["BAD_REQUEST", "NOT_FOUND", "FORBIDDEN", "UNAUTHORIZED", "CONFLICT", "TOO_MANY_REQUESTS", "PAYLOAD_TOO_LARGE"]);
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
  let log: ReturnType<typeof capturingLogger>;
  let tenant: TenantIds;
  const cookies: Record<string, string> = {};
  /** Per procedure: how many inputs got which answer (OK or the error code). */
  const answers: Record<string, Record<string, number>> = {};

  beforeAll(async () => {
    db = await createTestOrm({ seed: true });
    log = capturingLogger();
    app = await listen({ orm: db.orm, env: testEnv(db.url, { LOG_LEVEL: "info" }), logger: log.logger });
    cookies.admin = await signInOverHttp(app.url, "admin@askpro.test", DEMO_PASSWORD);
    // auth.signOut ends the session it is sent with: it gets its own.
    cookies.signOut = await signInOverHttp(app.url, "admin@askpro.test", DEMO_PASSWORD);
    const em = db.orm.em.fork();
    const company = await em.findOneOrFail(Company, { slug: "askproai" });
    const service = await em.findOneOrFail(Service, { company, slug: "15-minuten-schnellberatung" });
    const dto = await fetch(`${app.url}/trpc/service.byId?input=${encodeURIComponent(JSON.stringify({ id: service.id }))}`, { headers: { cookie: cookies.admin } });
    const serviceUpdate = serviceUpdateSchema.parse(((await dto.json()) as { result: { data: unknown } }).result.data);
    tenant = { companyId: company.id, serviceId: service.id, serviceUpdate };
  });
  afterAll(async () => {
    const total = Object.values(answers).reduce((sum, counts) => sum + Object.values(counts).reduce((a, b) => a + b, 0), 0);
    console.info(`Hostile input: ${total} inputs over ${Object.keys(answers).length} procedures`);
    for (const [path, counts] of Object.entries(answers)) console.info(`  ${path}: ${JSON.stringify(counts)}`);
    await app.close();
    await db.close();
  });

  async function currentTenant(): Promise<TenantIds> {
    const service = await db.orm.em.fork().findOne(Service, { id: tenant.serviceId });
    return service ? { ...tenant, serviceUpdate: { ...tenant.serviceUpdate, version: service.version } } : tenant;
  }

  async function send(path: string, input: unknown): Promise<Answer> {
    const cookie = (path === "auth.signOut" ? cookies.signOut : cookies.admin) ?? "";
    const response =
      procedures[path]?._def.type === "query"
        ? await fetch(`${app.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { cookie } })
        : await fetch(`${app.url}/trpc/${path}`, {
            method: "POST",
            headers: { "content-type": "application/json", cookie, origin: app.url },
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
