import { randomUUID } from "node:crypto";
import { createCalcomClient } from "@askpro/calcom";
import { Company, Service } from "@askpro/db";
import { serviceInputFromEventType } from "@askpro/domain";
import { enqueueDriftCheck, liveDriftCheck } from "@askpro/jobs";
import { describe, expect, it } from "vitest";
import { createWorkerMetrics } from "../src/metrics/worker-metrics";
import { ASKPRO_TEAM, eventually, STORES, useSyncTestbed } from "./support/testbed";

const RENAMED = 3664712;
const KEPT = 3664714;

describe.each(STORES)("calcom.check-drift with jobs in %s", (store) => {
  const testbed = useSyncTestbed(store);

  async function companyLinkedTo(eventTypeIds: number[]) {
    const em = testbed.orm.em.fork();
    const company = em.create(Company, { name: "AskProAI", slug: `askproai-${randomUUID().slice(0, 8)}`, calcomTeamId: ASKPRO_TEAM });
    const services = eventTypeIds.map((id) => {
      const eventType = testbed.sandbox.getEventType(id);
      if (!eventType) throw new Error(`no event type ${id} in the sandbox`);
      return em.create(Service, { ...serviceInputFromEventType(eventType, id), company, syncStatus: "synced" });
    });
    await em.flush();
    return { company, services: services as [Service, ...Service[]] };
  }

  const renameInCalcom = () =>
    createCalcomClient({ apiKey: testbed.freshKey(), baseUrl: testbed.sandbox.url }).updateEventType(RENAMED, { title: "Renamed in Cal.com" }, { teamId: ASKPRO_TEAM });

  it("a queued check marks the company's services; a second request while it is live hands back the same job; the worker exports its metrics", async () => {
    const { company, services } = await companyLinkedTo([RENAMED, KEPT]);
    await renameInCalcom();
    const first = await enqueueDriftCheck(testbed.api, company.id);
    const second = await enqueueDriftCheck(testbed.api, company.id);
    expect(first.created).toBe(true);
    expect(second).toEqual({ jobId: first.jobId, created: false });
    expect(await liveDriftCheck(testbed.api, company.id)).toEqual({ jobId: first.jobId });

    const metrics = createWorkerMetrics();
    await testbed.startWorker({ drift: { intervalMs: 3_600_000 }, metrics });
    const renamed = await eventually(async () => {
      const service = await testbed.service(services[0].id);
      return service.driftState === null ? undefined : service;
    });
    expect(renamed.driftReason).toEqual({ code: "changed_in_calcom", fields: [{ field: "title", ours: services[0].name, calcom: "Renamed in Cal.com" }] });
    expect((await testbed.service((services[1] as Service).id)).driftState).toBe("in_step");
    await eventually(async () => (await liveDriftCheck(testbed.api, company.id)) === undefined || undefined);

    const exported = await eventually(async () => {
      const text = await metrics.registry.metrics();
      return text.includes('askpro_services_by_drift_state{state="changed_in_calcom"} 1') ? text : undefined;
    });
    expect(exported).toContain('askpro_services_by_drift_state{state="in_step"} 1');
    // The schedule's first run (at the worker's start) may queue one more check once this one ended.
    const value = (series: string) => Number(new RegExp(`^${series} (\\d+)`, "m").exec(exported)?.[1]);
    const checks = value('askpro_drift_check_duration_seconds_count\\{outcome="checked"\\}');
    expect(checks).toBeGreaterThanOrEqual(1);
    // One list call per check.
    expect(value('askpro_drift_check_calcom_requests_sum\\{outcome="checked"\\}')).toBe(checks);
  });

  it("the recurring schedule queues a check for every company with a linked service", async () => {
    const { services } = await companyLinkedTo([RENAMED]);
    const other = await companyLinkedTo([KEPT]);
    await renameInCalcom();
    // Agenda's poll brings the recurring job round (wake-ups carry only new jobs): both are short here.
    await testbed.startWorker({ drift: { intervalMs: 1_000 }, processEvery: 500 });
    await eventually(async () => (await testbed.service(services[0].id)).driftState === "changed_in_calcom" || undefined, 15_000);
    await eventually(async () => (await testbed.service(other.services[0].id)).driftState === "in_step" || undefined, 15_000);
  });
});
