import { readdirSync, readFileSync } from "node:fs";
import { hashPassword, verifyPassword } from "@askpro/db";
import { describe, expect, it } from "vitest";
import { lowPriorityScrypt } from "./low-priority-scrypt";

/** The nice value of each thread of this process (field 19 of /proc/self/task/<tid>/stat). */
function threadNiceValues(): number[] {
  return readdirSync("/proc/self/task").map((tid) => Number(readFileSync(`/proc/self/task/${tid}/stat`, "utf8").split(") ")[1]?.split(" ")[16]));
}

describe("lowPriorityScrypt", () => {
  it("checks passwords like node:crypto's scrypt does, in a thread of the lowest priority", async () => {
    const scrypt = lowPriorityScrypt(1);
    const stored = await hashPassword("correct horse");
    expect(await Promise.all([verifyPassword("correct horse", stored, scrypt), verifyPassword("wrong horse", stored, scrypt)])).toEqual([true, false]);
    expect(threadNiceValues()).toContain(19);
    // The main thread keeps its priority.
    expect(Number(readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ")[16])).toBe(0);
  });

  it("fails a hash whose options scrypt refuses, and keeps working", async () => {
    const scrypt = lowPriorityScrypt(1);
    await expect(scrypt("x", Buffer.alloc(16), 64, { N: 3 })).rejects.toThrow();
    expect((await scrypt("x", Buffer.alloc(16), 8, { N: 16 })).length).toBe(8);
  });
});
