import { sql } from "kysely";
import { afterAll, beforeEach, expect, it } from "vitest";
import { WorkerHeartbeat } from "../entities";
import { db as kysely } from "../kysely";
import { createTestOrm, type TestOrm } from "../testing";
import { isAnyWorkerAlive, listWorkerBeatAges, recordWorkerBeat, removeWorkerBeat } from "./worker-heartbeat-repository";

const db: TestOrm = await createTestOrm();
afterAll(() => db.close());
beforeEach(() => db.orm.em.fork().nativeDelete(WorkerHeartbeat, {}));

const em = () => db.orm.em.fork();
const beat = (workerId: string, startedAt = new Date("2026-11-30T08:00:00Z")) => ({ workerId, startedAt, hostname: "host", pid: 42 });
/** Moves a worker's last beat into the past, as if it had stopped beating `seconds` ago. */
const ageBeat = (workerId: string, seconds: number) =>
  kysely(em()).updateTable("worker_heartbeats").set({ beat_at: sql`now() - make_interval(secs => ${seconds})` }).where("worker_id", "=", workerId).execute();

it("keeps one row per worker, refreshed by each beat", async () => {
  await recordWorkerBeat(em(), beat("host:1"));
  await ageBeat("host:1", 30);
  await recordWorkerBeat(em(), beat("host:1", new Date("2026-11-30T09:00:00Z")));
  const rows = await em().find(WorkerHeartbeat, {});
  expect(rows).toHaveLength(1);
  expect(rows[0]?.startedAt).toEqual(new Date("2026-11-30T09:00:00Z"));
  expect((await listWorkerBeatAges(em()))[0]?.ageS).toBeLessThan(5);
});

it("counts a worker alive only while its last beat is younger than the limit", async () => {
  expect(await isAnyWorkerAlive(em(), 20)).toBe(false);
  await recordWorkerBeat(em(), beat("host:1"));
  expect(await isAnyWorkerAlive(em(), 20)).toBe(true);
  await ageBeat("host:1", 30);
  expect(await isAnyWorkerAlive(em(), 20)).toBe(false);
});

it("lists ages and uptimes by the database's clock, the newest beat first", async () => {
  await recordWorkerBeat(em(), beat("old:1"));
  await recordWorkerBeat(em(), beat("new:1"));
  await ageBeat("old:1", 120);
  const ages = await listWorkerBeatAges(em());
  expect(ages.map((age) => age.workerId)).toEqual(["new:1", "old:1"]);
  expect(ages[1]?.ageS).toBeGreaterThanOrEqual(120);
  expect(ages[1]?.ageS).toBeLessThan(130);
  expect(ages[0]?.uptimeS).toBeGreaterThan(0);
});

it("removes a stopped worker's row", async () => {
  await recordWorkerBeat(em(), beat("host:1"));
  await removeWorkerBeat(em(), "host:1");
  expect(await listWorkerBeatAges(em())).toEqual([]);
});
