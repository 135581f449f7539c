import { createOrm } from "@askpro/db";
import { createTestDatabase, createTestOrm, type TestOrm } from "@askpro/db/testing";
import pg from "pg";
import { afterEach, beforeEach, expect, it } from "vitest";
import { startHeartbeat } from "./heartbeat";

let database: TestOrm;
let client: pg.Client;

beforeEach(async () => {
  database = await createTestOrm();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});

afterEach(async () => {
  await client.end();
  await database.close();
});

const beats = async () => (await client.query("SELECT * FROM worker_heartbeats ORDER BY worker_id")).rows;

it("beats at once and then every interval, and removes its row when stopped", async () => {
  const errors: Error[] = [];
  const heartbeat = await startHeartbeat({ em: database.orm.em.fork(), workerId: "host-a:1", intervalMs: 100, onError: (e) => errors.push(e) });
  const [first] = await beats();
  expect(first).toMatchObject({ worker_id: "host-a:1", pid: process.pid });

  await new Promise((resolve) => setTimeout(resolve, 350));
  const [later] = await beats();
  expect(later.beat_at.getTime()).toBeGreaterThan(first.beat_at.getTime());
  expect(later.started_at).toEqual(first.started_at);

  await heartbeat.stop();
  expect(await beats()).toEqual([]);
  expect(errors).toEqual([]);
});

it("keeps one row per worker when two start at the same moment", async () => {
  const start = (workerId: string) => startHeartbeat({ em: database.orm.em.fork(), workerId, onError: () => undefined });
  const heartbeats = await Promise.all([start("host-a:1"), start("host-b:1")]);
  expect((await beats()).map((row) => row.worker_id)).toEqual(["host-a:1", "host-b:1"]);
  await Promise.all(heartbeats.map((heartbeat) => heartbeat.stop()));
});

it("refuses to start on a database without the migrations, saying how to fix it", async () => {
  const unmigrated = await createTestDatabase();
  const orm = await createOrm(unmigrated.url);
  try {
    await expect(startHeartbeat({ em: orm.em.fork(), workerId: "host-a:1", onError: () => undefined })).rejects.toThrow(
      "The database has no worker_heartbeats table: apply the migrations first (npm run db:migrate)",
    );
  } finally {
    await orm.close();
    await unmigrated.drop();
  }
});
