import { Service } from "@askpro/db";
import { createTestOrm, type TestOrm } from "@askpro/db/testing";
import { serviceUpdateSchema } from "@askpro/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findInputProblem, findNulCharacter, MAX_INPUT_DEPTH, NUL_CHARACTER_MESSAGE, TOO_DEEP_MESSAGE } from "./input-hygiene";
import { serviceInput } from "./routers/service/fixtures";
import { bodyOf, capturingLogger, type ListeningApp, listen, postJson, signInOverHttp, type TrpcErrorBody } from "../test/support/http";
import { createTestbed, DEMO_PASSWORD, issuePaths, rejectionOf, type Testbed, testEnv } from "../test/support/testbed";

/** `[[[...value...]]]`, `depth` arrays deep, built without recursion. */
function nested(depth: number, value: unknown = "x"): unknown {
  let result = value;
  for (let i = 0; i < depth; i++) result = [result];
  return result;
}

/** The same as JSON text, written out: JSON.stringify itself recurses. */
const nestedJson = (depth: number, leaf = '"x"') => `${"[".repeat(depth)}${leaf}${"]".repeat(depth)}`;
const postRaw = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

describe("findNulCharacter", () => {
  it("finds U+0000 at any depth and names where", () => {
    expect(findNulCharacter({ a: [1, { b: "x\u0000" }] })).toEqual(["a", 1, "b"]);
    expect(findNulCharacter("\u0000")).toEqual([]);
    expect(findNulCharacter({ a: ["\\u0000", "nul", null, 0] })).toBeUndefined();
  });

  it("walks input as deep as the limit allows and names where", () => {
    expect(findNulCharacter({ a: nested(MAX_INPUT_DEPTH - 1, "\u0000") })).toEqual(["a", ...Array.from({ length: MAX_INPUT_DEPTH - 1 }, () => 0)]);
  });
});

describe("findInputProblem", () => {
  it(`allows ${MAX_INPUT_DEPTH} levels of arrays and objects and refuses one more, naming where`, () => {
    expect(findInputProblem(nested(MAX_INPUT_DEPTH - 1, {}))).toBeUndefined();
    expect(findInputProblem(nested(MAX_INPUT_DEPTH, {}))).toEqual({ kind: "too-deep", path: Array.from({ length: MAX_INPUT_DEPTH }, () => 0) });
    expect(findInputProblem(nested(MAX_INPUT_DEPTH, "deep strings are no deeper"))).toBeUndefined();
  });

  it("refuses a million levels without overflowing the stack", () => {
    expect(findInputProblem({ a: nested(1_000_000) })?.kind).toBe("too-deep");
  });

  it("reports the first problem in document order", () => {
    expect(findInputProblem([{ b: nested(100) }, "\u0000"])).toMatchObject({ kind: "too-deep" });
    expect(findInputProblem(["\u0000", { b: nested(100) }])).toEqual({ kind: "nul", path: [0] });
  });
});

describe("deeply nested input over HTTP", () => {
  let db: TestOrm;
  let app: ListeningApp;
  let log: ReturnType<typeof capturingLogger>;
  beforeAll(async () => {
    db = await createTestOrm({ seed: true });
    log = capturingLogger();
    app = await listen({ orm: db.orm, env: testEnv(db.url), logger: log.logger });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it.each([MAX_INPUT_DEPTH, 8_000, 100_000])("answers %i arrays inside the input object to auth.signIn (no sign-in needed) with a 400 that says why, never a 500", async (depth) => {
    const response = await postRaw(`${app.url}/trpc/auth.signIn`, `{"email":${nestedJson(depth)},"password":"x"}`);
    expect(response.status).toBe(400);
    const { error } = await bodyOf<TrpcErrorBody>(response);
    expect([error.message, error.data.code]).toEqual([TOO_DEEP_MESSAGE, "BAD_REQUEST"]);
    expect(log.lines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50)).toEqual([]);
  });

  it("refuses deep input to a signed-in mutation and to a query in the URL alike", async () => {
    const cookie = await signInOverHttp(app.url, "admin@askpro.test", DEMO_PASSWORD);
    const mutation = await postRaw(`${app.url}/trpc/service.create`, `{"name":${nestedJson(8_000, "{}")}}`, { cookie, origin: app.url });
    const query = await fetch(`${app.url}/trpc/service.list?input=${encodeURIComponent(JSON.stringify({ search: nested(MAX_INPUT_DEPTH + 1) }))}`, { headers: { cookie } });
    for (const response of [mutation, query]) {
      expect(response.status).toBe(400);
      expect((await bodyOf<TrpcErrorBody>(response)).error.message).toBe(TOO_DEEP_MESSAGE);
    }
  });

  it(`lets input of ${MAX_INPUT_DEPTH} levels through to the schema`, async () => {
    const response = await postJson(`${app.url}/trpc/auth.signIn`, { email: nested(MAX_INPUT_DEPTH - 1), password: "x" });
    expect(response.status).toBe(400);
    expect((await bodyOf<TrpcErrorBody>(response)).error.data.zodIssues?.map((issue) => issue.path.join("."))).toEqual(["email"]);
  });
});

// Both were 500s until the hostile-input property test found them.
describe("input the database cannot store is BAD_REQUEST with the field named", () => {
  let testbed: Testbed;
  beforeAll(async () => {
    testbed = await createTestbed();
  });
  afterAll(() => testbed.close());

  it("refuses a NUL character in any text, before anything is written", async () => {
    const admin = await testbed.signedIn("admin@askpro.test");
    const service = await testbed.orm.em.fork().findOneOrFail(Service, { slug: "15-minuten-schnellberatung" });
    const update = serviceUpdateSchema.parse(await admin.service.byId({ id: service.id }));

    const error = await rejectionOf(admin.service.update({ ...update, description: "Kurz\u0000" }));
    expect([error.code, error.message, issuePaths(error)]).toEqual(["BAD_REQUEST", NUL_CHARACTER_MESSAGE, ["description"]]);
    expect((await rejectionOf(admin.service.list({ search: "\u0000", page: 1, pageSize: 20 }))).code).toBe("BAD_REQUEST");
    expect((await testbed.orm.em.fork().findOneOrFail(Service, { id: service.id })).version).toBe(service.version);
  });

  it("refuses a price beyond what the price column holds", async () => {
    const admin = await testbed.signedIn("admin@askpro.test");
    const error = await rejectionOf(admin.service.create(serviceInput({ slug: "zu-teuer", priceCents: 2 ** 31 })));
    expect([error.code, issuePaths(error)]).toEqual(["BAD_REQUEST", ["priceCents"]]);
    expect((await admin.service.create(serviceInput({ slug: "gerade-noch", priceCents: 2 ** 31 - 1 }))).priceCents).toBe(2 ** 31 - 1);
  });
});
