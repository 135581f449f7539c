import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Children, type UnexpectedExit } from "./children.ts";

const until = async (what: string, check: () => boolean, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("Children", () => {
  let children: Children | undefined;
  afterEach(() => children?.stopAll(1_000));

  it("restarts a crashing process with a doubling, capped delay, saying so each time", async () => {
    const lines: string[] = [];
    const fatal: string[] = [];
    children = new Children((name) => fatal.push(name), (line) => lines.push(line), { firstMs: 50, maxMs: 200, stableAfterMs: 60_000 });
    children.start({ name: "crasher", command: process.execPath, args: ["-e", "process.exit(3)"], cwd: tmpdir(), restart: { watch: [] } });
    await until("five restarts", () => lines.length >= 5);
    expect(lines.slice(0, 5)).toEqual([
      "crasher exited (code 3); restarting in 0.05 s",
      "crasher exited (code 3); restarting in 0.1 s",
      "crasher exited (code 3); restarting in 0.2 s",
      "crasher exited (code 3); restarting in 0.2 s",
      "crasher exited (code 3); restarting in 0.2 s",
    ]);
    expect(fatal).toEqual([]);
  });

  it("starts the delay over after a stable run, and names the signal that killed it", async () => {
    const lines: string[] = [];
    children = new Children(() => {}, (line) => lines.push(line), { firstMs: 50, maxMs: 1_000, stableAfterMs: 300 });
    // Runs 400 ms (stable), then is killed: each death follows a stable run, so the delay stays the first one.
    children.start({ name: "steady", command: process.execPath, args: ["-e", "setTimeout(() => process.kill(process.pid, 'SIGKILL'), 400)"], cwd: tmpdir(), restart: { watch: [] } });
    await until("two restarts", () => lines.length >= 2);
    expect(lines.slice(0, 2)).toEqual(["steady exited (signal SIGKILL); restarting in 0.05 s", "steady exited (signal SIGKILL); restarting in 0.05 s"]);
  });

  it("restarts at once when a watched source changes, without counting it as a crash", async () => {
    const dir = mkdtempSync(join(tmpdir(), "children-watch-"));
    try {
      const lines: string[] = [];
      children = new Children(() => {}, (line) => lines.push(line));
      children.start({ name: "app", command: process.execPath, args: ["-e", "setInterval(() => {}, 1000)"], cwd: dir, restart: { watch: [dir] } });
      await new Promise((r) => setTimeout(r, 200));
      writeFileSync(join(dir, "main.ts"), "export {};\n");
      await until("the reload line", () => lines.length > 0);
      expect(lines).toEqual(["app: main.ts changed; restarting"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("leaves a cleanly stopped process down until a watched source changes", async () => {
    const dir = mkdtempSync(join(tmpdir(), "children-clean-"));
    try {
      const lines: string[] = [];
      children = new Children(() => {}, (line) => lines.push(line), { firstMs: 10, maxMs: 10, stableAfterMs: 60_000 });
      children.start({ name: "worker", command: process.execPath, args: ["-e", "process.exit(0)"], cwd: dir, restart: { watch: [dir] } });
      await until("the stop line", () => lines.length > 0);
      await new Promise((r) => setTimeout(r, 200));
      expect(lines).toEqual(["worker stopped (code 0); it starts again when one of its sources changes"]);
      writeFileSync(join(dir, "main.ts"), "export {};\n");
      await until("started again and stopped", () => lines.length >= 3);
      expect(lines.slice(1, 3)).toEqual(["worker: main.ts changed; restarting", "worker stopped (code 0); it starts again when one of its sources changes"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("without a restart policy (npm start), reports the death so the stack stops", async () => {
    const deaths: Parameters<UnexpectedExit>[] = [];
    children = new Children((...death) => deaths.push(death), () => {});
    children.start({ name: "api", command: process.execPath, args: ["-e", "process.exit(1)"], cwd: tmpdir() });
    await until("the death", () => deaths.length > 0);
    expect(deaths).toEqual([["api", 1, null]]);
  });
});
