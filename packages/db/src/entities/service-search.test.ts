import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestOrm, type TestOrm } from "../testing";
import { serviceSearchText } from ".";

describe("services_search_trgm", () => {
  let db: TestOrm;
  beforeAll(async () => {
    db = await createTestOrm();
  });
  afterAll(() => db.close());

  it("serves a LIKE on serviceSearchText, as the list query writes it", async () => {
    const connection = db.orm.em.getConnection();
    // On a near-empty table the planner prefers a sequential scan; forbidding it shows whether the index applies.
    const plan = await connection.transactional(async (trx) => {
      await connection.execute("set local enable_seqscan = off", [], "run", trx);
      return connection.execute<{ "QUERY PLAN": string }[]>(
        `explain select s0.id from services as s0 where ${serviceSearchText("s0")} like lower(?)`,
        ["%beratung%"],
        "all",
        trx,
      );
    });
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toContain("Bitmap Index Scan on services_search_trgm");
  });
});
