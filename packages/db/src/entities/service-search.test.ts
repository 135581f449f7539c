import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestOrm, type TestOrm } from "../testing";
import { Company, SERVICE_SEARCH_TEXT_COLUMN, Service } from ".";

describe("services.search_text", () => {
  let db: TestOrm;
  let serviceId: string;
  beforeAll(async () => {
    db = await createTestOrm();
    const em = db.orm.em.fork();
    const company = em.create(Company, { name: "A", slug: "a" });
    const service = em.create(Service, { company, name: "Erstberatung", slug: "erst", description: "Vor Ort", durationMinutes: 30 });
    await em.flush();
    serviceId = service.id;
  });
  afterAll(() => db.close());

  const searchText = async () => {
    const [row] = await db.orm.em.getConnection().execute<{ text: string }[]>(`select ${SERVICE_SEARCH_TEXT_COLUMN} as text from services where id = ?`, [serviceId]);
    return row?.text;
  };

  it("holds name, slug and description lower-cased and joined by 0x1f, also after a change", async () => {
    expect(await searchText()).toBe("erstberatung\u001ferst\u001fvor ort");
    const em = db.orm.em.fork();
    const service = await em.findOneOrFail(Service, serviceId);
    service.description = "Am TELEFON";
    await em.flush();
    expect(await searchText()).toBe("erstberatung\u001ferst\u001fam telefon");
  });

  it("is served by the trigram index for a LIKE, as the list query writes it", async () => {
    const connection = db.orm.em.getConnection();
    // On a near-empty table the planner prefers a sequential scan; forbidding it shows whether the index applies.
    const plan = await connection.transactional(async (trx) => {
      await connection.execute("set local enable_seqscan = off", [], "run", trx);
      return connection.execute<{ "QUERY PLAN": string }[]>(
        `explain select s.id from services as s where s.${SERVICE_SEARCH_TEXT_COLUMN} like lower(?)`,
        ["%beratung%"],
        "all",
        trx,
      );
    });
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toContain("Bitmap Index Scan on services_search_text_trgm");
  });
});
