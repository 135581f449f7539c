import { describe, expect, it } from "vitest";
import { Turns } from "./turns";

/** A call that finishes when the test says so. */
function controllable() {
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return { done, finish };
}

describe("Turns", () => {
  it("runs at most `concurrency` calls at a time, the others in arrival order as turns free up", async () => {
    const turns = new Turns(2);
    const started: number[] = [];
    const calls = Array.from({ length: 4 }, () => controllable());
    const runs = calls.map((call, index) =>
      turns.run(async () => {
        started.push(index);
        await call.done;
        return index;
      }),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(turns.waiting).toBe(2);
    calls[1]?.finish();
    await runs[1];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    for (const call of calls) call.finish();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3]);
    expect(turns.waiting).toBe(0);
  });

  it("hands on the turn of a call that fails", async () => {
    const turns = new Turns(1);
    await expect(turns.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await turns.run(async () => "next")).toBe("next");
  });
});
