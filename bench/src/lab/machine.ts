import { execFileSync } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";

export interface Machine {
  nproc: number;
  memoryGiB: number;
  cpuModel: string;
  node: string;
}

export function describeMachine(): Machine {
  let nproc = cpus().length;
  try {
    nproc = Number.parseInt(execFileSync("nproc", { encoding: "utf8" }).trim(), 10);
  } catch {
    // nproc is coreutils; without it the CPU count Node sees is the same figure on Linux.
  }
  return {
    nproc,
    memoryGiB: totalmem() / 1024 ** 3,
    cpuModel: cpus()[0]?.model.trim() ?? "unknown",
    node: process.version,
  };
}

/** The 1-minute load average: above ~0.5 before a benchmark starts, something else was using the CPU. */
export function loadAverage(): number {
  return loadavg()[0] ?? 0;
}

/** The commit checked out, and which directories outside bench/ and docs/ have uncommitted changes. */
export function workingTree(): { commit: string; uncommitted: string[] } {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const status = execFileSync("git", ["status", "--porcelain"], { encoding: "utf8" });
    const dirs = new Set(
      status
        .split("\n")
        .filter(Boolean)
        .map((line) => line.slice(3).split("/").slice(0, 2).join("/"))
        .filter((path) => !path.startsWith("bench") && !path.startsWith("docs")),
    );
    return { commit, uncommitted: [...dirs].sort() };
  } catch {
    return { commit: "unknown (not a git checkout)", uncommitted: [] };
  }
}
