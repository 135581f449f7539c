import { describe, expect, it } from "vitest";
import { HashingQueue, HashingQueueFull } from "./hashing-queue";

/** A hash that finishes when the test says so. */
function controllable() {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return { done, finish };
}

describe("HashingQueue", () => {
  it("runs at most `concurrency` at a time, in arrival order, and refuses at once beyond the queue", async () => {
    const queue = new HashingQueue(2, 2);
    const started: number[] = [];
    const hashes = Array.from({ length: 4 }, () => controllable());
    const runs = hashes.map((hash, index) =>
      queue.run(async () => {
        started.push(index);
        await hash.done;
        return index;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(queue.full).toBe(true);
    await expect(queue.run(async () => "never")).rejects.toBeInstanceOf(HashingQueueFull);

    hashes[1]?.finish();
    await runs[1];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    expect(queue.full).toBe(false);
    for (const hash of hashes) hash.finish();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(queue.waiting).toBe(0);
  });

  it("counts a place from admission, before its hash asks for a thread, and frees it once, on release or at the hash's end", async () => {
    const queue = new HashingQueue(1, 1);
    const first = queue.admit();
    const second = queue.admit();
    expect(queue.full).toBe(true);
    expect(queue.admit()).toBeUndefined();
    await expect(queue.run(async () => "never")).rejects.toBeInstanceOf(HashingQueueFull);

    second?.release();
    second?.release();
    expect(queue.full).toBe(false);
    const third = queue.admit();
    expect(queue.full).toBe(true);
    expect(await first?.run(async () => "first")).toBe("first");
    expect(queue.full).toBe(false);
    third?.release();
    expect(queue.waiting).toBe(0);
  });

  it("frees the slot of a hash that fails", async () => {
    const queue = new HashingQueue(1, 0);
    await expect(queue.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await queue.run(async () => "next")).toBe("next");
  });
});
