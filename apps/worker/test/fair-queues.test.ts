import { createCalcomClient } from "@askpro/calcom";
import { Company, Service } from "@askpro/db";
import { bulkSyncJob } from "@askpro/jobs";
import { startBulkSync } from "@askpro/sync";
import { randomUUID } from "node:crypto";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { ASKPRO_TEAM, eventually, STORES, useSyncTestbed } from "./support/testbed";

const silent = pino({ level: "silent" });
const BULK_SERVICES = 24;
/** Each PATCH takes this long in Cal.com, so that the bulk run lasts several rounds of the worker's bulk slots. */
const PATCH_LATENCY_MS = 150;

describe.each(STORES)("fair queues with jobs in %s", (store) => {
  const testbed = useSyncTestbed(store);

  /** A company with `count` services, each linked to an event type of its own made in the sandbox's demo team. */
  async function companyWithServices(count: number) {
    const client = createCalcomClient({ apiKey: testbed.freshKey(), baseUrl: testbed.sandbox.url });
    const em = testbed.orm.em.fork();
    const company = em.create(Company, { name: "Bulk GmbH", slug: `bulk-${randomUUID().slice(0, 8)}`, calcomTeamId: ASKPRO_TEAM });
    const services: Service[] = [];
    for (let i = 0; i < count; i++) {
      const slug = `fair-${randomUUID().slice(0, 8)}`;
      const eventType = await client.createEventType(
        { title: `Fair ${i}`, slug, lengthInMinutes: 30, schedulingType: "roundRobin", assignAllTeamMembers: true } as never,
        { teamId: ASKPRO_TEAM },
      );
      services.push(
        em.create(Service, {
          company,
          name: `Fair ${String(i).padStart(2, "0")}`,
          slug,
          durationMinutes: 45,
          bufferBeforeMinutes: 0,
          bufferAfterMinutes: 0,
          minimumBookingNoticeMinutes: 60,
          priceCents: 0,
          currency: "EUR",
          isActive: true,
          requiresConfirmation: false,
          disableGuests: false,
          calcomEventTypeId: eventType.id,
        }),
      );
    }
    await em.flush();
    return { companyId: company.id, serviceIds: services.map((service) => service.id) };
  }

  async function pendingOf(serviceIds: readonly string[]): Promise<number> {
    const services = await testbed.orm.em.fork().find(Service, { id: { $in: [...serviceIds] } });
    return services.filter((service) => service.syncStatus === "pending").length;
  }

  it("runs a click of another company and of the bulk run's own company while the bulk run still waits, and then finishes the run", async () => {
    const bulk = await companyWithServices(BULK_SERVICES + 1);
    const [ownClick, ...bulkServices] = bulk.serviceIds as [string, ...string[]];
    const other = await testbed.createService({ slug: "other-company-click", calcomEventTypeId: 3664716 });
    testbed.sandbox.setFault("PATCH *", { kind: "latency", ms: PATCH_LATENCY_MS });
    await testbed.startWorker();

    const started = await startBulkSync({
      em: testbed.orm.em.fork(),
      jobs: testbed.api,
      companyId: bulk.companyId,
      requestedById: null,
      selection: { ids: bulkServices },
      logger: silent,
    });
    expect(started.requested).toBe(BULK_SERVICES);
    expect((await testbed.api.list(bulkSyncJob())).length, "the run's jobs wait in the bulk queue").toBeGreaterThan(0);
    await eventually(() => testbed.patches().length > 0);

    await testbed.requestSync(other.id);
    await testbed.requestSync(ownClick);
    expect((await testbed.settled(other.id)).syncStatus).toBe("synced");
    expect((await testbed.settled(ownClick)).syncStatus).toBe("synced");
    // In one queue both clicks would have waited for every bulk sync requested before them.
    const stillWaiting = await pendingOf(bulkServices);
    expect(stillWaiting, "bulk syncs still pending when both clicks had synced").toBeGreaterThanOrEqual(BULK_SERVICES / 3);

    for (const serviceId of bulkServices) expect((await testbed.settled(serviceId, 20_000)).syncStatus).toBe("synced");
    // One PATCH per service: the two queues never ran a service twice.
    expect(testbed.patches()).toHaveLength(BULK_SERVICES + 2);
  });
});
