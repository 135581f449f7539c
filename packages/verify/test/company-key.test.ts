import { encryptSecret } from "@askpro/db";
import { TEST_APP_SECRET } from "@askpro/db/testing";
import { afterEach, describe, expect, it } from "vitest";
import { APP_SECRET, result, useTestSystem, verify } from "./support/system";

/** The sandbox's key of the Praxis Nord team (39204); the global key (AskProAI's) is refused there with 403. */
const PRAXIS_KEY = "cal_test_praxis_nord";

const system = useTestSystem();

const setPraxisKey = (encrypted: string | null) =>
  system.current.sql("UPDATE companies SET calcom_api_key_encrypted = ? WHERE slug = 'praxis-nord'", [encrypted]);

describe("test service of a company with its own Cal.com key", () => {
  afterEach(() => system.current.sandbox.reset());

  it("reads the event type with the company's key, as the worker syncs it", async () => {
    await setPraxisKey(encryptSecret(PRAXIS_KEY, APP_SECRET));
    const report = await verify(system.current.env, { service: "krankengymnastik" });
    expect(result(report, "test-service")).toMatchObject({
      status: "pass",
      detail: expect.stringMatching(/^"Krankengymnastik" \(Praxis Nord, .*\): event type 3664802 "Krankengymnastik" read via team 39204 with the company's own key$/),
    });
    const read = system.current.sandbox.requests.find((request) => request.path === "/v2/teams/39204/event-types/3664802");
    expect(read?.status).toBe(200);
    expect(JSON.stringify(report)).not.toContain(PRAXIS_KEY);
  });

  it("is refused with the global key alone (which is why the company key must be used)", async () => {
    await setPraxisKey(null);
    const check = result(await verify(system.current.env, { service: "krankengymnastik" }), "test-service");
    expect(check.status).toBe("fail");
    expect(check.detail).toMatch(/via team 39204: .* failed with 403/);
  });

  it("fails with a reason, naming no secret, when the key was stored under another APP_SECRET", async () => {
    await setPraxisKey(encryptSecret(PRAXIS_KEY, TEST_APP_SECRET));
    const report = await verify(system.current.env, { service: "krankengymnastik" });
    expect(result(report, "test-service")).toMatchObject({
      status: "fail",
      detail: expect.stringContaining("the company's own Cal.com key: The stored secret cannot be decrypted: APP_SECRET is not the one it was encrypted with"),
      fix: "run verify with the APP_SECRET the api and the worker use, or set the company's Cal.com key again",
    });
    const text = JSON.stringify(report);
    for (const secret of [PRAXIS_KEY, APP_SECRET, TEST_APP_SECRET]) expect(text).not.toContain(secret);
    expect(system.current.sandbox.requests.filter((request) => request.path.includes("/event-types/"))).toEqual([]);
  });
});
