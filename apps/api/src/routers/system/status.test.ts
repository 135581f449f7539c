import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestbed, type Testbed } from "../../../test/support/testbed";

describe("system.status", () => {
  let testbed: Testbed;
  const sql = (statement: string) => testbed.orm.em.getConnection().execute(statement);
  /** A worker's row as apps/worker writes it, its last beat `ageSeconds` ago by the database's clock. */
  const beat = (ageSeconds: number) =>
    sql(`insert into worker_heartbeats (worker_id, beat_at, started_at, hostname, pid)
         values ('test-host:${ageSeconds}', now() - interval '${ageSeconds} seconds', now() - interval '1 hour', 'test-host', 4242)`);

  beforeAll(async () => {
    testbed = await createTestbed();
  });
  beforeEach(() => sql("delete from worker_heartbeats"));
  afterAll(() => testbed.close());

  it("says no worker is alive when none has beaten, or only long ago", async () => {
    const viewer = await testbed.signedIn("viewer@askpro.test");
    expect(await viewer.system.status()).toEqual({ workerAlive: false });
    await beat(61);
    expect(await viewer.system.status()).toEqual({ workerAlive: false });
  });

  it("says a worker is alive while one beats, for every signed-in user", async () => {
    await beat(61);
    await beat(2);
    for (const email of ["viewer@askpro.test", "admin@askpro.test", "admin@praxis-nord.test"]) {
      expect(await (await testbed.signedIn(email)).system.status()).toEqual({ workerAlive: true });
    }
  });
});
