import { Company, insertBulkRun, Service, SyncAttempt } from "@askpro/db";
import { serviceUpdateSchema } from "@askpro/domain";
import type { AnyProcedure } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appRouter } from "./router";
import { type Access, PROCEDURE_CASES, type TenantIds } from "../test/support/procedure-cases";
import { createTestbed, rejectionOf, type Testbed } from "../test/support/testbed";

type Caller = Awaited<ReturnType<Testbed["signedIn"]>>;

// Typed as the nested router record, but flat at runtime: one entry per procedure, keyed by its dotted path.
const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
const paths = Object.keys(procedures).sort();
const covered = paths.filter((path) => path in PROCEDURE_CASES);

/** Calls `service.byId` on a caller given the string "service.byId". */
function call(caller: Caller, path: string, input: unknown): Promise<unknown> {
  const procedure = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (procedure as (input: unknown) => Promise<unknown>)(input);
}

type ZodInternals = { _zod?: { def?: { innerType?: unknown; shape?: Record<string, unknown>; format?: string; element?: ZodInternals } } };
const unwrap = (schema: unknown): ZodInternals | undefined => {
  let current = schema as ZodInternals | undefined;
  while (current?._zod?.def?.innerType) current = current._zod.def.innerType as ZodInternals;
  return current;
};

/** The input fields that are UUIDs, i.e. name one of our records (Cal.com's ids are numbers). */
function recordIdFields(path: string): string[] {
  const shape = unwrap(procedures[path]?._def.inputs[0])?._zod?.def?.shape ?? {};
  return Object.entries(shape)
    // A UUID, or a list of them (bulk sync's ids).
    .filter(([, field]) => unwrap(field)?._zod?.def?.format === "uuid" || unwrap(unwrap(field)?._zod?.def?.element)?._zod?.def?.format === "uuid")
    .map(([name]) => name);
}

describe("tenant isolation matrix, generated from the appRouter", () => {
  let testbed: Testbed;
  let a: TenantIds;
  let otherAdmin: Caller;
  let viewer: Caller;

  beforeAll(async () => {
    testbed = await createTestbed();
    const em = testbed.orm.em.fork();
    const company = await em.findOneOrFail(Company, { slug: "askproai" });
    const service = await em.findOneOrFail(Service, { company, slug: "15-minuten-schnellberatung" });
    const owner = await testbed.signedIn("admin@askpro.test");
    const bulkRunId = await insertBulkRun(em, { companyId: company.id, requestedById: null, skipped: 0, at: new Date() });
    a = { companyId: company.id, serviceId: service.id, serviceUpdate: serviceUpdateSchema.parse(await owner.service.byId({ id: service.id })), bulkRunId };
    otherAdmin = await testbed.signedIn("admin@praxis-nord.test");
    viewer = await testbed.signedIn("viewer@askpro.test");
  });
  afterAll(() => testbed.close());

  /** Everything of company A a call could change. */
  async function snapshotOfA() {
    const em = testbed.orm.em.fork();
    const services = await em.find(Service, { company: a.companyId }, { orderBy: { id: "asc" } });
    const company = await em.findOneOrFail(Company, { id: a.companyId }, { populate: ["calcomApiKeyEncrypted"] });
    return {
      services: services.map((s) => [s.id, s.version, s.name, s.syncStatus]),
      attempts: await em.count(SyncAttempt, { service: { company: a.companyId } }),
      calcomKey: company.calcomApiKeyEncrypted,
    };
  }

  it("covers every procedure of the router (a new one must be added to test/support/procedure-cases.ts)", () => {
    const missing = paths.filter((path) => !(path in PROCEDURE_CASES));
    const stale = Object.keys(PROCEDURE_CASES).filter((path) => !(path in procedures));
    if (missing.length || stale.length) {
      console.error(`Not in PROCEDURE_CASES: ${missing.join(", ") || "-"}; in it but not in the router: ${stale.join(", ") || "-"}`);
    }
    expect({ missing, stale }).toEqual({ missing: [], stale: [] });
    console.info(`Tenant isolation matrix: ${paths.length} procedures (${paths.filter((p) => PROCEDURE_CASES[p]?.access !== "public").length} non-public)`);
  });

  it("knows from the input schemas which procedures name a record, and says why the others cannot reach another company", () => {
    const wrong = covered.filter((path) => (recordIdFields(path).length > 0) === Boolean(PROCEDURE_CASES[path]?.noIdBecause));
    expect(wrong).toEqual([]);
    expect(recordIdFields("service.update")).toEqual(["id"]);
  });

  it("gives no mutation to viewers, except the public sign-in and sign-out", () => {
    const openMutations = covered.filter((path) => procedures[path]?._def.type === "mutation" && !(["admin", "public"] as Access[]).includes(PROCEDURE_CASES[path]?.access as Access));
    expect(openMutations).toEqual([]);
    expect(covered.filter((path) => PROCEDURE_CASES[path]?.access === "public")).toEqual(["auth.me", "auth.signIn", "auth.signOut"]);
  });

  describe.each(covered)("%s", (path) => {
    const { access, input } = PROCEDURE_CASES[path] as (typeof PROCEDURE_CASES)[string];

    if (access === "public") {
      it("answers a signed-out caller", async () => {
        const outcome = await call(testbed.browser().api, path, input(a)).then(() => "answered", (error: unknown) => error);
        expect(outcome).toBe("answered");
      });
    } else {
      it("is UNAUTHORIZED when signed out", async () => {
        const before = await snapshotOfA();
        expect((await rejectionOf(call(testbed.browser().api, path, input(a)))).code).toBe("UNAUTHORIZED");
        expect(await snapshotOfA()).toEqual(before);
      });
    }

    if (access === "admin") {
      it("is FORBIDDEN to a viewer of the same company, changing nothing", async () => {
        const before = await snapshotOfA();
        expect((await rejectionOf(call(viewer, path, input(a)))).code).toBe("FORBIDDEN");
        expect(await snapshotOfA()).toEqual(before);
      });
    }
    if (access === "member") {
      it("is open to a viewer of the same company", async () => {
        const outcome = await call(viewer, path, input(a)).then(() => "answered", (error: unknown) => error);
        expect(outcome).toBe("answered");
      });
    }

    if (recordIdFields(path).length > 0) {
      it("is NOT_FOUND to another company's admin naming this company's records, changing nothing", async () => {
        const before = await snapshotOfA();
        const error = await rejectionOf(call(otherAdmin, path, input(a)));
        expect(error.code).toBe("NOT_FOUND");
        expect(await snapshotOfA()).toEqual(before);
      });
    }
  });

  it("shows another company's admin none of this company's services in service.list", async () => {
    const { items } = await otherAdmin.service.list({ page: 1, pageSize: 100 });
    expect(items.length).toBeGreaterThan(0);
    expect(items.filter((item) => item.companyName === "AskProAI")).toEqual([]);
  });
});
