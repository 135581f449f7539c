import { Service, SyncAttempt, User } from "@askpro/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestbed, issuePaths, rejectionOf, type Testbed } from "../../../test/support/testbed";

describe("service.history", () => {
  let testbed: Testbed;
  let serviceId: string;
  const hoursAgo = (hours: number, plusMs = 0) => new Date(Date.now() - hours * 3_600_000 + plusMs);
  const earlier = { requestedAt: hoursAgo(3), startedAt: hoursAgo(3, 1_000), finishedAt: hoursAgo(3, 1_850) };

  beforeAll(async () => {
    testbed = await createTestbed();
    const em = testbed.orm.em.fork();
    const service = await em.findOneOrFail(Service, { slug: "60-minuten-strategieberatung" });
    serviceId = service.id;
    const admin = await em.findOneOrFail(User, { email: "admin@askpro.test" });
    // Rows as the worker leaves them: a success, a failure of a sync the system asked for, a retry.
    em.create(SyncAttempt, {
      service,
      requestedBy: admin,
      ...earlier,
      outcome: "succeeded",
      httpStatus: 200,
      jobId: "job-1",
      attemptLog: [
        {
          attempt: 1,
          startedAt: earlier.startedAt.toISOString(),
          finishedAt: earlier.finishedAt.toISOString(),
          durationMs: 850,
          httpStatus: 200,
          errorCode: null,
          errorMessage: null,
        },
      ],
    });
    em.create(SyncAttempt, {
      service,
      requestedBy: null,
      requestedAt: hoursAgo(2),
      startedAt: hoursAgo(2, 500),
      finishedAt: hoursAgo(2, 700),
      outcome: "failed",
      httpStatus: 401,
      calcomErrorCode: "UnauthorizedException",
      errorMessage: "Cal.com rejected the API key (401)",
    });
    em.create(SyncAttempt, { service, requestedBy: admin, requestedAt: hoursAgo(1), startedAt: hoursAgo(1, 200), outcome: "retrying", attemptNumber: 2 });
    await em.flush();
  });
  afterAll(() => testbed.close());

  it("lists the attempts newest first, with who asked, when, how long, the outcome and every HTTP attempt", async () => {
    const admin = await testbed.signedIn("admin@askpro.test");
    const queued = await admin.service.sync({ id: serviceId });
    if (queued.outcome !== "queued") throw new Error(`expected queued, got ${queued.outcome}`);

    const history = await admin.service.history({ id: serviceId });

    expect(history.map((entry) => [entry.outcome, entry.requestedBy?.email ?? "system", entry.durationMs])).toEqual([
      [null, "admin@askpro.test", null],
      ["retrying", "admin@askpro.test", null],
      ["failed", "system", 200],
      ["succeeded", "admin@askpro.test", 850],
    ]);
    expect(history[0]?.id).toBe(queued.attemptId);
    expect(history[3]).toEqual({
      id: expect.any(String),
      kind: "sync",
      requestedBy: { email: "admin@askpro.test" },
      requestedAt: earlier.requestedAt.toISOString(),
      startedAt: earlier.startedAt.toISOString(),
      finishedAt: earlier.finishedAt.toISOString(),
      durationMs: 850,
      outcome: "succeeded",
      attemptNumber: 1,
      httpStatus: 200,
      calcomErrorCode: null,
      errorMessage: null,
      reason: null,
      attempts: [
        {
          attempt: 1,
          startedAt: earlier.startedAt.toISOString(),
          finishedAt: earlier.finishedAt.toISOString(),
          durationMs: 850,
          httpStatus: 200,
          errorCode: null,
          errorMessage: null,
          answer: "answered",
        },
      ],
    });
    expect(history[2]).toMatchObject({ httpStatus: 401, calcomErrorCode: "UnauthorizedException", errorMessage: "Cal.com rejected the API key (401)" });
  });

  it("says a call cut short by a dead worker has an unknown outcome, and the latest call of a running sync is awaited", async () => {
    const em = testbed.orm.em.fork();
    const service = await em.findOneOrFail(Service, { slug: "60-minuten-strategieberatung" });
    const call = (minutesAgo: number, answered: boolean) => ({
      attempt: 1,
      method: "PATCH",
      path: "/v2/teams/39203/event-types/3664713",
      startedAt: hoursAgo(0, -minutesAgo * 60_000).toISOString(),
      finishedAt: answered ? hoursAgo(0, -minutesAgo * 60_000 + 300).toISOString() : null,
      durationMs: answered ? 300 : null,
      httpStatus: answered ? 200 : null,
      errorCode: null,
      errorMessage: null,
    });
    const running = em.create(SyncAttempt, { service, requestedBy: null, requestedAt: hoursAgo(0, -30 * 60_000), attemptLog: [call(20, false), call(10, false)] });
    const lost = em.create(SyncAttempt, { service, requestedBy: null, requestedAt: hoursAgo(0, -50 * 60_000), outcome: "failed", attemptLog: [call(40, false)] });
    const retried = em.create(SyncAttempt, { service, requestedBy: null, requestedAt: hoursAgo(0, -60 * 60_000), outcome: "succeeded", attemptLog: [call(55, false), call(45, true)] });
    await em.flush();
    const admin = await testbed.signedIn("admin@askpro.test");

    const history = await admin.service.history({ id: serviceId, limit: 100 });

    const answers = (id: string) => history.find((entry) => entry.id === id)?.attempts.map((attempt) => attempt.answer);
    expect(answers(running.id)).toEqual(["unknown", "awaited"]);
    expect(answers(lost.id)).toEqual(["unknown"]);
    expect(answers(retried.id)).toEqual(["unknown", "answered"]);
    await em.nativeDelete(SyncAttempt, { id: { $in: [running.id, lost.id, retried.id] } });
  });

  it("lets a viewer read it, newest first up to the limit", async () => {
    const viewer = await testbed.signedIn("viewer@askpro.test");
    const all = await viewer.service.history({ id: serviceId });
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(all.map((entry) => entry.requestedAt)).toEqual(all.map((entry) => entry.requestedAt).sort().reverse());
    expect(await viewer.service.history({ id: serviceId, limit: 2 })).toEqual(all.slice(0, 2));
  });

  it("answers NOT_FOUND for another company's service and BAD_REQUEST for a limit out of range", async () => {
    const praxis = await testbed.signedIn("admin@praxis-nord.test");
    expect((await rejectionOf(praxis.service.history({ id: serviceId }))).code).toBe("NOT_FOUND");
    const error = await rejectionOf(praxis.service.history({ id: serviceId, limit: 500 }));
    expect([error.code, issuePaths(error)]).toEqual(["BAD_REQUEST", ["limit"]]);
  });
});
