import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Company, Service } from "../entities";
import { createTestOrm, type TestOrm } from "../testing";
import { findServiceDto, listServices } from "./service-repository";

describe("services being deleted in the list", () => {
  let db: TestOrm;
  let company: Company;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    db = await createTestOrm();
    const em = db.orm.em.fork();
    company = em.create(Company, { name: "Acme", slug: "acme" });
    const statuses = ["synced", "deleting", "delete_failed"] as const;
    for (const [index, syncStatus] of statuses.entries()) {
      const service = em.create(Service, { company, name: syncStatus, slug: `s-${index}`, durationMinutes: 30, calcomEventTypeId: 8_000_000 + index, syncStatus });
      ids[syncStatus] = service.id;
    }
    await em.flush();
  });
  afterAll(() => db.close());

  const list = (status?: "deleting") => listServices(db.orm.em.fork(), { companyId: company.id, status, page: 1, pageSize: 20 });

  it("leaves out a service whose Cal.com job is still deleting it, and counts it out too", async () => {
    const page = await list();
    expect(page.items.map((item) => item.name)).toEqual(["delete_failed", "synced"]);
    expect(page.total).toBe(2);
  });

  it("shows it when asked for by its status, and on its own page", async () => {
    expect((await list("deleting")).items.map((item) => item.name)).toEqual(["deleting"]);
    expect(await findServiceDto(db.orm.em.fork(), ids.deleting as string, company.id)).toMatchObject({ syncStatus: "deleting" });
  });
});
