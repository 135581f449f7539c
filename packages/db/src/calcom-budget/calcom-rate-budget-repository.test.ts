import { afterAll, expect, it } from "vitest";
import { createTestOrm, type TestOrm } from "../testing";
import { calcomRateBudgetStore, learnCalcomBudget, takeCalcomBudget } from "./calcom-rate-budget-repository";

const db: TestOrm = await createTestOrm();
afterAll(() => db.close());

const em = () => db.orm.em.fork();
let keys = 0;
const freshKey = () => `${"k".repeat(56)}${String(++keys).padStart(8, "0")}`;

it("probes with one request at a time until a response's headers were read, then hands out the limit", async () => {
  const key = freshKey();
  expect(await takeCalcomBudget(em(), key)).toEqual({ granted: true, window: 1, taken: 1, limit: 1, headersRead: false });
  const refused = await takeCalcomBudget(em(), key);
  expect(refused).toMatchObject({ granted: false });
  // While the probe's answer is awaited, refused requests ask again soon, not at the probe window's end.
  expect(refused.granted === false && refused.waitMs).toBeLessThanOrEqual(50);

  await learnCalcomBudget(em(), key, { window: 1, limit: 3, windowMs: 2_000, endsInMs: 2_000, spent: 1 });
  const takes = await Promise.all([takeCalcomBudget(em(), key), takeCalcomBudget(em(), key), takeCalcomBudget(em(), key)]);
  expect(takes.flatMap((take) => (take.granted ? [take.taken] : [])).sort()).toEqual([2, 3]);
  const wait = takes.find((take) => !take.granted);
  expect(wait?.granted === false && wait.waitMs).toBeGreaterThan(1_500);
});

it("never hands out more than the limit to takes racing from many connections", async () => {
  const key = freshKey();
  await takeCalcomBudget(em(), key);
  await learnCalcomBudget(em(), key, { window: 1, limit: 10, windowMs: 60_000, endsInMs: 60_000, spent: 1 });
  const takes = await Promise.all(Array.from({ length: 30 }, () => takeCalcomBudget(em(), key)));
  expect(takes.filter((take) => take.granted)).toHaveLength(9);
});

it("opens the next window once the current one has passed, with the window's length as read", async () => {
  const key = freshKey();
  await takeCalcomBudget(em(), key);
  await learnCalcomBudget(em(), key, { window: 1, limit: 1, windowMs: 1_000, endsInMs: 300, spent: 1 });
  expect(await takeCalcomBudget(em(), key)).toMatchObject({ granted: false });
  await new Promise((resolve) => setTimeout(resolve, 350));
  expect(await takeCalcomBudget(em(), key)).toEqual({ granted: true, window: 2, taken: 1, limit: 1, headersRead: true });
  const refused = await takeCalcomBudget(em(), key);
  expect(refused.granted === false && refused.waitMs).toBeGreaterThan(800);
});

it("blocks the key until a 429's reset, and ignores corrections meant for an earlier window", async () => {
  const key = freshKey();
  await takeCalcomBudget(em(), key);
  await learnCalcomBudget(em(), key, { window: 1, limit: 100, windowMs: 60_000, endsInMs: 1, spent: 1 });
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(await takeCalcomBudget(em(), key)).toMatchObject({ granted: true, window: 2 });
  // A late answer from window 1 saying its window was full leaves window 2 alone.
  await learnCalcomBudget(em(), key, { window: 1, limit: 100, spent: 100, endsInMs: 30_000 });
  expect(await takeCalcomBudget(em(), key)).toMatchObject({ granted: true, window: 2, taken: 2 });

  await learnCalcomBudget(em(), key, { window: 1, blockMs: 5_000 });
  const blocked = await takeCalcomBudget(em(), key);
  expect(blocked.granted).toBe(false);
  expect(blocked.granted === false && blocked.waitMs).toBeGreaterThan(4_500);
});

it("takes a higher count from the server, but moves the window's end only when the server counted more than was handed out", async () => {
  const learned = async () => {
    const key = freshKey();
    await takeCalcomBudget(em(), key);
    await learnCalcomBudget(em(), key, { window: 1, limit: 10, windowMs: 1_000, endsInMs: 1_000, spent: 1 });
    for (let i = 0; i < 4; i++) await takeCalcomBudget(em(), key); // 5 taken
    return key;
  };
  const waitWhenFull = async (key: string) => {
    let take = await takeCalcomBudget(em(), key);
    while (take.granted) take = await takeCalcomBudget(em(), key);
    return take.waitMs;
  };
  // The 3rd request arrived 5th: nothing new, and its reset (rounded up to a second) does not stretch the window.
  const outOfOrder = await learned();
  await learnCalcomBudget(em(), outOfOrder, { window: 1, limit: 10, spent: 5, endsInMs: 60_000 });
  expect(await waitWhenFull(outOfOrder)).toBeLessThanOrEqual(1_000);
  // Someone else spent the key: the server counted 9 when 5 were handed out.
  const shared = await learned();
  await learnCalcomBudget(em(), shared, { window: 1, limit: 10, spent: 9, endsInMs: 30_000 });
  expect(await takeCalcomBudget(em(), shared)).toMatchObject({ granted: true, taken: 10 });
  expect(await waitWhenFull(shared)).toBeGreaterThan(25_000);
});

it("counts a window's end from when the answer arrived, not from when the correction is written", async () => {
  const key = freshKey();
  await takeCalcomBudget(em(), key);
  // Written 1.5 s after the answer: the window of 2 s ends 0.5 s from now, not 2 s.
  await learnCalcomBudget(em(), key, { window: 1, limit: 1, windowMs: 2_000, endsInMs: 2_000, spent: 1, answeredAt: Date.now() - 1_500 });
  const refused = await takeCalcomBudget(em(), key);
  expect(refused.granted === false && refused.waitMs).toBeLessThanOrEqual(500);
  expect(refused.granted === false && refused.waitMs).toBeGreaterThan(300);
});

it("hands out nothing between the earliest and the latest end Cal.com's window may have: such a request could count in its next window", async () => {
  const key = freshKey();
  await takeCalcomBudget(em(), key); // the window's first request, taken now: Cal.com's window began no earlier
  await new Promise((resolve) => setTimeout(resolve, 300));
  // Its answer, 300 ms later: Cal.com's window (1 s) ends between 0.7 s and 1 s from now.
  await learnCalcomBudget(em(), key, { window: 1, limit: 100, windowMs: 1_000, endsInMs: 1_000, spent: 1, answeredAt: Date.now() });
  expect(await takeCalcomBudget(em(), key)).toMatchObject({ granted: true, taken: 2 });
  await new Promise((resolve) => setTimeout(resolve, 750));
  const refused = await takeCalcomBudget(em(), key);
  expect(refused.granted).toBe(false);
  expect(refused.granted === false && refused.waitMs).toBeLessThanOrEqual(300);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await takeCalcomBudget(em(), key)).toMatchObject({ granted: true, window: 2, taken: 1 });
});

it("hands a take with a share only that share of each window, and leaves the rest to takes without one", async () => {
  const key = freshKey();
  await takeCalcomBudget(em(), key);
  await learnCalcomBudget(em(), key, { window: 1, limit: 10, windowMs: 400, endsInMs: 400, spent: 1 });
  // floor(10 * 0.2) = 2: one was the probe's, so one more for the share.
  expect(await takeCalcomBudget(em(), key, { share: 0.2 })).toMatchObject({ granted: true, taken: 2 });
  const capped = await takeCalcomBudget(em(), key, { share: 0.2 });
  expect(capped.granted).toBe(false);
  // It waits for the window's end, not a poll.
  expect(capped.granted === false && capped.waitMs).toBeGreaterThan(200);
  // The window's other 8 are still there for everyone else, racing or not.
  const rest = await Promise.all(Array.from({ length: 10 }, () => takeCalcomBudget(em(), key)));
  expect(rest.filter((take) => take.granted)).toHaveLength(8);
  await new Promise((resolve) => setTimeout(resolve, 450));
  expect(await takeCalcomBudget(em(), key, { share: 0.2 })).toMatchObject({ granted: true, window: 2, taken: 1 });
  // A share smaller than one request of the limit is one request a window: here already taken.
  expect(await takeCalcomBudget(em(), key, { share: 0.01 })).toMatchObject({ granted: false });
  await expect(takeCalcomBudget(em(), key, { share: 0 })).rejects.toThrow(RangeError);
});

it("keeps one store per ORM, which stores only a hash of the key", async () => {
  expect(calcomRateBudgetStore(db.orm)).toBe(calcomRateBudgetStore(db.orm));
  const rows = await db.orm.em.fork().getConnection().execute<{ key_hash: string }[]>("select key_hash from calcom_rate_budgets");
  for (const row of rows) expect(row.key_hash).toHaveLength(64);
});

it("opens its next window when a request late in the window began the server's next one, instead of waiting a whole window more", async () => {
  const key = freshKey();
  await takeCalcomBudget(em(), key);
  await learnCalcomBudget(em(), key, { window: 1, limit: 3, windowMs: 600, endsInMs: 600, spent: 1 });
  const second = await takeCalcomBudget(em(), key);
  const third = await takeCalcomBudget(em(), key);
  expect([second.granted, third.granted]).toEqual([true, true]);
  expect(await takeCalcomBudget(em(), key)).toMatchObject({ granted: false });
  // The third request reached the server after its window had ended: the server counts it as the first of its next window.
  await new Promise((resolve) => setTimeout(resolve, 450));
  await learnCalcomBudget(em(), key, { window: 1, limit: 3, windowMs: 600, endsInMs: 600, spent: 1, takenBefore: 3, takenAt: Date.now() - 50 });

  const next = await takeCalcomBudget(em(), key);
  expect(next).toMatchObject({ granted: true, window: 2, taken: 2 });
  expect(await takeCalcomBudget(em(), key)).toMatchObject({ granted: true, window: 2, taken: 3 });
  // And the new window holds the server's limit: the fourth of it waits.
  expect(await takeCalcomBudget(em(), key)).toMatchObject({ granted: false });
});

it("counts the window it opens from when the late request was taken, so it hands out nothing past the server's end", async () => {
  const key = freshKey();
  await takeCalcomBudget(em(), key);
  await learnCalcomBudget(em(), key, { window: 1, limit: 3, windowMs: 600, endsInMs: 600, spent: 1 });
  await takeCalcomBudget(em(), key);
  await new Promise((resolve) => setTimeout(resolve, 450));
  // Taken 590 ms ago: the server's window that began with it may end 10 ms from now.
  await learnCalcomBudget(em(), key, { window: 1, limit: 3, windowMs: 600, endsInMs: 600, spent: 1, takenBefore: 2, takenAt: Date.now() - 590 });
  await new Promise((resolve) => setTimeout(resolve, 30));
  expect(await takeCalcomBudget(em(), key)).toMatchObject({ granted: false });
});

it("keeps its window when an answer that began the server's window merely overtook earlier ones at the window's start", async () => {
  const key = freshKey();
  await takeCalcomBudget(em(), key);
  await learnCalcomBudget(em(), key, { window: 1, limit: 3, windowMs: 60_000, endsInMs: 60_000, spent: 1 });
  await takeCalcomBudget(em(), key);
  await takeCalcomBudget(em(), key);
  await learnCalcomBudget(em(), key, { window: 1, limit: 3, windowMs: 60_000, endsInMs: 60_000, spent: 1, takenBefore: 3 });
  expect(await takeCalcomBudget(em(), key)).toMatchObject({ granted: false });
});
