import { Company } from "@askpro/db";
import { checkDriftJob } from "@askpro/jobs";
import { startTestMongo, type TestMongo } from "@askpro/jobs/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestbed, rejectionOf, type Testbed } from "../../../../test/support/testbed";

const STORES = ["postgres", "mongodb"] as const;

describe.each(STORES)("company.calcomDrift (Check Cal.com now) with jobs in %s", (store) => {
  let mongo: TestMongo | undefined;
  let testbed: Testbed;
  let companyId: string;

  beforeAll(async () => {
    mongo = store === "mongodb" ? await startTestMongo() : undefined;
    testbed = await createTestbed({ jobsDbUrl: mongo?.url });
    companyId = (await testbed.orm.em.fork().findOneOrFail(Company, { slug: "askproai" })).id;
  });
  afterAll(async () => {
    await testbed.close();
    await mongo?.stop();
  });

  const checks = async () => (await testbed.jobs.queue()).list(checkDriftJob, { companyId });

  it("queues one check of the admin's company; clicks while it is live (by another admin too) queue no second one", async () => {
    const admin = await testbed.signedIn("admin@askpro.test");
    expect(await admin.company.calcomDrift.status({})).toEqual({ running: false, lastCheckedAt: null });

    expect(await admin.company.calcomDrift.check({})).toEqual({ outcome: "queued" });
    const operator = await testbed.operator();
    const again = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? admin.company.calcomDrift.check({}) : operator.company.calcomDrift.check({ companyId }))));
    expect(again.map((result) => result.outcome)).toEqual(Array(10).fill("already_running"));
    expect(await checks()).toHaveLength(1);
    // An admin's check: not held to the scheduled checks' share of the key's budget.
    expect((await checks())[0]?.data).toEqual({ companyId, byAdmin: true });
    expect(await admin.company.calcomDrift.status({})).toEqual({ running: true, lastCheckedAt: null });
  });

  it("is refused to a viewer and to another company's admin, and queues nothing for them", async () => {
    const before = (await checks()).length;
    const viewer = await testbed.signedIn("viewer@askpro.test");
    expect((await rejectionOf(viewer.company.calcomDrift.check({}))).code).toBe("FORBIDDEN");
    const praxis = await testbed.signedIn("admin@praxis-nord.test");
    expect((await rejectionOf(praxis.company.calcomDrift.check({ companyId }))).code).toBe("NOT_FOUND");
    expect((await rejectionOf(praxis.company.calcomDrift.status({ companyId }))).code).toBe("NOT_FOUND");
    expect(await checks()).toHaveLength(before);
  });
});
