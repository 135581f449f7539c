import { describe, expect, it } from "vitest";
import { ASKPRO_TEAM, freshKey, useSandbox } from "../test/support/sandbox-fixture";
import { createCalcomClient } from "./client";

/** Cal.com's 120 requests a minute with time scaled down 100x: 120 per 600 ms; a block would outlast the test. */
const WINDOW_MS = 600;
const sandbox = useSandbox({ rateLimit: { limit: 120, windowMs: WINDOW_MS, blockMs: 60_000 } });

describe("pacing per API key", () => {
  it("takes a burst of 300 updates from two clients of one key without a single 429", async () => {
    const apiKey = freshKey(sandbox.current);
    const options = { baseUrl: sandbox.current.url, apiKey, pacer: { limit: 120, windowMs: WINDOW_MS } };
    const clients = [createCalcomClient(options), createCalcomClient(options)];
    const started = Date.now();
    const results = await Promise.allSettled(
      Array.from({ length: 300 }, (_, i) =>
        clients[i % 2]?.updateEventType(3664712, { minimumBookingNotice: i }, { teamId: ASKPRO_TEAM }),
      ),
    );
    const elapsed = Date.now() - started;

    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    const statuses = sandbox.current.requests.map((r) => r.status);
    expect(statuses).toHaveLength(300);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // 300 requests need three windows: the pacer waited instead of bursting through.
    expect(elapsed).toBeGreaterThanOrEqual(2 * WINDOW_MS);
  });

  it("counts creates, lists and deletes against the same budget as updates", async () => {
    const apiKey = freshKey(sandbox.current);
    const calcom = createCalcomClient({ baseUrl: sandbox.current.url, apiKey, pacer: { limit: 120, windowMs: WINDOW_MS } });
    const team = { teamId: ASKPRO_TEAM };
    const started = Date.now();
    const created = await Promise.all(
      Array.from({ length: 70 }, (_, i) =>
        calcom.createEventType({ title: `Neu ${i}`, slug: `neu-${i}`, lengthInMinutes: 15, schedulingType: "collective", assignAllTeamMembers: true }, team),
      ),
    );
    await Promise.all([
      ...Array.from({ length: 70 }, (_, i) => calcom.listEventTypes(team, { eventSlug: `neu-${i}` })),
      ...created.slice(0, 60).map((eventType) => calcom.deleteEventType(eventType.id, team)),
    ]);
    const elapsed = Date.now() - started;

    const statuses = sandbox.current.requests.map((r) => r.status);
    expect(statuses).toHaveLength(200);
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    // 200 requests of one key need two windows at least: the pacer held the creates and lists back too.
    expect(elapsed).toBeGreaterThanOrEqual(WINDOW_MS);
    expect(sandbox.current.eventTypes({ teamId: ASKPRO_TEAM }).filter((e) => e.slug.startsWith("neu-"))).toHaveLength(10);
  });

  it("learns a lower limit from Cal.com's headers instead of earning a 429", async () => {
    const apiKey = freshKey(sandbox.current);
    // Configured for far more than the sandbox allows; the first answer's headers correct it.
    const calcom = createCalcomClient({ baseUrl: sandbox.current.url, apiKey, pacer: { limit: 1_000, windowMs: WINDOW_MS } });
    await calcom.me();
    await Promise.all(Array.from({ length: 200 }, () => calcom.me()));
    const statuses = sandbox.current.requests.map((r) => r.status);
    expect(statuses).toHaveLength(201);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
  });
});
