import { createOrm, migrations } from "@askpro/db";
import { createTestDatabase } from "@askpro/db/testing";
import { createJobs, syncJob } from "@askpro/jobs";
import { beforeEach, describe, expect, it } from "vitest";
import { closedPort } from "./support/closed-port";
import { clearHeartbeats, DEMO_KEY, result, statuses, type TestSystem, useTestSystem, verify, writeHeartbeat } from "./support/system";

const system = useTestSystem();

async function allLinkedSynced(current: TestSystem): Promise<void> {
  await current.sql("UPDATE services SET sync_status = 'synced', sync_error = NULL WHERE calcom_event_type_id IS NOT NULL");
}

beforeEach(async () => {
  system.current.sandbox.reset();
  await clearHeartbeats(system.current);
  await writeHeartbeat(system.current, 2);
  await allLinkedSynced(system.current);
});

describe("on a healthy system", () => {
  it("passes every check, and names what it checked", async () => {
    const report = await verify(system.current.env);
    expect(statuses(report)).toEqual({
      configuration: "pass",
      database: "pass",
      migrations: "pass",
      "sync-columns": "pass",
      "job-store": "pass",
      worker: "pass",
      calcom: "pass",
      "test-service": "pass",
      "sync-summary": "pass",
    });
    expect(report.ok).toBe(true);
    expect(result(report, "database").detail).toMatch(/^PostgreSQL \d+\.\d+.* at postgres:\/\//);
    expect(result(report, "migrations").detail).toBe(`all ${migrations.length} applied (latest ${migrations.at(-1)?.name})`);
    expect(result(report, "worker").detail).toMatch(/^1 alive: test-host:4242 \(beat [23] s ago, up 60 min\)$/);
    expect(result(report, "job-store").detail).toBe("PostgreSQL (the application database): 0 sync job(s) running, 0 waiting");
    expect(result(report, "calcom").detail).toMatch(/as askproai \(user 1201\); 119\/120 requests left in this window, resets in 60 s$/);
    expect(result(report, "test-service").detail).toMatch(/^"15 Minuten Schnellberatung" \(AskProAI, [0-9a-f-]{36}\): event type 3664712 "15 Minuten Schnellberatung" read via team 39203$/);
    expect(result(report, "sync-summary").detail.split("\n")).toEqual([
      "100% of 8 linked services synced",
      "AskProAI: 5/5 synced, 1 without event type (100%)",
      "Praxis Nord: 3/3 synced (100%)",
    ]);
  });

  it("never prints a secret, only how the configured ones end", async () => {
    const report = JSON.stringify(await verify({ ...system.current.env, NODE_ENV: "production" }));
    expect(report).not.toContain(system.current.env.APP_SECRET);
    expect(report).not.toContain(DEMO_KEY);
    expect(report).toContain(`APP_SECRET set (ending …${system.current.env.APP_SECRET?.slice(-4)})`);
  });
});

describe("each check fails for its own reason, with a fix", () => {
  it("configuration: every bad variable named, no value shown", async () => {
    const report = await verify({ ...system.current.env, NODE_ENV: "production", APP_SECRET: "short-secret", CALCOM_API_KEY: "live_0123456789abcdef" });
    const check = result(report, "configuration");
    expect(check.status).toBe("fail");
    expect(check.detail).toBe("CALCOM_API_KEY must be a Cal.com API key (cal_... or cal_live_...); APP_SECRET must be at least 32 characters long");
    expect(JSON.stringify(report)).not.toMatch(/short-secret|live_0123456789abcdef/);
    expect(report.ok).toBe(false);
  });

  it("database down: the database fails, everything that needs it is skipped", async () => {
    const port = await closedPort();
    const report = await verify({ ...system.current.env, DATABASE_URL: `postgres://askpro:hunter2@127.0.0.1:${port}/askpro` });
    expect(result(report, "database")).toMatchObject({
      status: "fail",
      detail: expect.stringMatching(/^cannot connect to postgres:\/\/askpro:\*\*\*@127\.0\.0\.1:\d+\/askpro: .*ECONNREFUSED/),
      fix: "start PostgreSQL or correct DATABASE_URL (host, port, credentials)",
    });
    expect(statuses(report)).toMatchObject({ configuration: "pass", migrations: "skip", "job-store": "skip", worker: "skip", calcom: "pass", "test-service": "skip" });
    expect(JSON.stringify(report)).not.toContain("hunter2");
    expect(report.ok).toBe(false);
  });

  it("pending migration: a database migrated one step short", async () => {
    const database = await createTestDatabase();
    const orm = await createOrm(database.url);
    try {
      const all = await orm.migrator.getPending();
      await orm.migrator.up({ to: all.at(-2)?.name });
      const report = await verify({ ...system.current.env, DATABASE_URL: database.url });
      expect(result(report, "migrations")).toMatchObject({
        status: "fail",
        detail: `1 of ${all.length} pending: ${all.at(-1)?.name}`,
        fix: "apply them: npm run db:migrate (with the same DATABASE_URL)",
      });
      expect(statuses(report)).toMatchObject({ database: "pass", "test-service": "skip", "sync-summary": "skip" });
    } finally {
      await orm.close();
      await database.drop();
    }
  });

  it("no worker: no heartbeat at all", async () => {
    await clearHeartbeats(system.current);
    const check = result(await verify(system.current.env), "worker");
    expect(check).toMatchObject({
      status: "fail",
      detail: "no worker has written a heartbeat; requested syncs wait until a worker runs",
      fix: "start the worker: npm start / npm run dev (with the same DATABASE_URL)",
    });
  });

  it("no worker: the last heartbeat is older than 60 s", async () => {
    await clearHeartbeats(system.current);
    await writeHeartbeat(system.current, 61);
    const report = await verify(system.current.env);
    expect(result(report, "worker")).toMatchObject({ status: "fail", detail: "no worker alive: the newest heartbeat (test-host:4242) is 61 s old; requested syncs wait until a worker runs" });
    expect(report.ok).toBe(false);
  });

  it("two workers on one host: each listed with where it serves its metrics", async () => {
    await clearHeartbeats(system.current);
    await writeHeartbeat(system.current, 0, "test-host:4242", "http://127.0.0.1:9464/metrics");
    await writeHeartbeat(system.current, 0, "test-host:4243", "http://127.0.0.1:9465/metrics");
    const check = result(await verify(system.current.env), "worker");
    expect(check.status).toBe("pass");
    expect(check.detail).toMatch(/^2 alive: /);
    expect(check.detail).toContain("test-host:4242 (beat");
    expect(check.detail).toContain(", metrics http://127.0.0.1:9464/metrics)");
    expect(check.detail).toContain(", metrics http://127.0.0.1:9465/metrics)");
  });

  it("sync jobs nobody takes: a job due for two minutes in the store", async () => {
    const queue = await createJobs({ databaseUrl: system.current.databaseUrl });
    const job = await queue.enqueue(syncJob(), { serviceId: crypto.randomUUID(), attemptId: crypto.randomUUID() }, { at: new Date(Date.now() - 120_000) });
    try {
      const check = result(await verify(system.current.env), "job-store");
      expect(check.status).toBe("fail");
      expect(check.detail).toMatch(/^PostgreSQL \(the application database\): 1 calcom\.update-event-type job\(s\) due for up to 12\d s and not taken by any worker$/);
    } finally {
      await queue.cancel(job.jobId);
      await queue.stop({ drainTimeoutMs: 0 });
    }
  });

  it("bad key: Cal.com answers 401", async () => {
    const key = "cal_live_0123456789abcdef_revoked";
    const report = await verify({ ...system.current.env, CALCOM_API_KEY: key });
    expect(result(report, "calcom")).toMatchObject({
      status: "fail",
      detail: `${system.current.sandbox.url}: Cal.com GET /v2/me failed with 401 UnauthorizedException: Invalid API Key`,
      fix: "set CALCOM_API_KEY to a valid key (Cal.com: Settings > Developer > API keys)",
    });
    expect(result(report, "test-service").status).toBe("skip");
    expect(JSON.stringify(report)).not.toContain(key);
  });

  it("Cal.com unreachable", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const check = result(await verify({ ...system.current.env, CALCOM_API_URL: url }), "calcom");
    expect(check).toMatchObject({ status: "fail", fix: "check CALCOM_API_URL and that this host can reach it" });
    expect(check.detail).toMatch(new RegExp(`^${url}: Cal\\.com GET /v2/me failed: .*ECONNREFUSED`));
  });

  it("missing test service", async () => {
    const check = result(await verify(system.current.env, { service: "does-not-exist" }), "test-service");
    expect(check).toMatchObject({
      status: "fail",
      detail: 'no service "does-not-exist"',
      fix: "create it, or name an existing one: npm run verify -- --service <id|slug>",
    });
  });

  it("test service without an event type", async () => {
    const check = result(await verify(system.current.env, { service: "rueckruf-service" }), "test-service");
    expect(check).toMatchObject({ status: "fail", detail: expect.stringMatching(/^"Rückruf-Service" \(AskProAI, .*\) has no Cal\.com event type$/) });
  });

  it("test service's event type not readable with its company's credentials (the team path)", async () => {
    await system.current.sql("UPDATE companies SET calcom_team_id = 39204 WHERE slug = 'askproai'");
    try {
      const check = result(await verify(system.current.env), "test-service");
      expect(check.status).toBe("fail");
      expect(check.detail).toMatch(/event type 3664712 via team 39204: Cal\.com GET \/v2\/teams\/39204\/event-types\/3664712 failed with 403/);
      expect(check.fix).toMatch(/^link an event type that the key's user or the company's Cal\.com team owns/);
    } finally {
      await system.current.sql("UPDATE companies SET calcom_team_id = 39203 WHERE slug = 'askproai'");
    }
  });
});

it("sync summary: warns below 95% synced, per company", async () => {
  await system.current.sql("UPDATE services SET sync_status = 'error', sync_error = 'Cal.com 404' WHERE slug = 'folgetermin'");
  await system.current.sql("UPDATE services SET sync_status = 'pending' WHERE slug = 'krankengymnastik'");
  const report = await verify(system.current.env);
  const check = result(report, "sync-summary");
  expect(check.status).toBe("warn");
  expect(check.detail.split("\n")).toEqual([
    "75% of 8 linked services synced",
    "AskProAI: 4/5 synced, 1 failed, 1 without event type (80%)",
    "Praxis Nord: 2/3 synced, 1 pending (66.6%)",
  ]);
  expect(report.ok).toBe(true);
});

it("sync summary: services being deleted, or whose deletion failed, are named but not counted as linked", async () => {
  await system.current.sql("UPDATE services SET sync_status = 'deleting' WHERE slug = 'folgetermin'");
  await system.current.sql("UPDATE services SET sync_status = 'delete_failed', sync_error = 'Cal.com rejected the API key (401)' WHERE slug = 'vor-ort-termin'");
  const report = await verify(system.current.env);
  expect(result(report, "sync-summary").detail.split("\n")).toEqual([
    "100% of 6 linked services synced",
    "AskProAI: 3/3 synced, 1 without event type, 1 being deleted, 1 whose deletion failed (100%)",
    "Praxis Nord: 3/3 synced (100%)",
  ]);
});

describe("with the jobs in MongoDB", () => {
  const mongoSystem = useTestSystem({ jobsIn: "mongodb" });
  it("checks the MongoDB job store", async () => {
    await writeHeartbeat(mongoSystem.current, 1);
    const check = result(await verify(mongoSystem.current.env), "job-store");
    expect(check).toMatchObject({ status: "pass", detail: expect.stringMatching(/^MongoDB \(mongodb:\/\/127\.0\.0\.1:\d+\/askpro_test_\w+\): 0 sync job\(s\) running, 0 waiting$/) });
  });
});
