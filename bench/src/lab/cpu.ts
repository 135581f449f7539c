import { readdirSync, readFileSync } from "node:fs";

/** Linux reports process times in clock ticks; USER_HZ is 100 on every mainstream kernel. */
const TICKS_PER_SECOND = 100;

interface Stat {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime */
  own: number;
  /** cutime + cstime: children that exited and were waited for */
  children: number;
}

function readStat(pid: number): Stat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = text.lastIndexOf(")");
    const comm = text.slice(text.indexOf("(") + 1, close);
    const fields = text.slice(close + 2).split(" ");
    const num = (index: number) => Number(fields[index]);
    // fields[0] is field 3 (state) of proc(5): ppid is field 4, utime..cstime fields 14-17.
    return { pid, ppid: num(1), comm, own: num(11) + num(12), children: num(13) + num(14) };
  } catch {
    return undefined;
  }
}

function allStats(): Stat[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((stat): stat is Stat => stat !== undefined);
}

/**
 * CPU seconds used so far by a process and all its descendants, those that exited included: each
 * live process's own time plus that of the children it has reaped (a reaped child's time moves into
 * its parent's cutime/cstime, so nothing is counted twice).
 */
export function treeCpuSeconds(rootPid: number): number {
  const stats = allStats();
  const byParent = new Map<number, Stat[]>();
  for (const stat of stats) byParent.set(stat.ppid, [...(byParent.get(stat.ppid) ?? []), stat]);
  const root = stats.find((stat) => stat.pid === rootPid);
  if (!root) return Number.NaN;
  let ticks = root.own + root.children;
  const queue = [...(byParent.get(rootPid) ?? [])];
  while (queue.length > 0) {
    const stat = queue.shift() as Stat;
    ticks += stat.own + stat.children;
    queue.push(...(byParent.get(stat.pid) ?? []));
  }
  return ticks / TICKS_PER_SECOND;
}

/** The embedded PostgreSQL's postmaster: the `postgres` child of this process. */
export function postmasterPid(): number | undefined {
  return allStats().find((stat) => stat.ppid === process.pid && stat.comm === "postgres")?.pid;
}

/** CPU used by this process alone (the load generator, sandbox and requester). */
export function ownCpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

/** Measures how many cores each part used between start() and stop(). */
export class CpuMeter {
  #startedAt = 0;
  #before: Record<string, number> = {};

  constructor(private readonly parts: Record<string, () => number>) {}

  start(): void {
    this.#startedAt = performance.now();
    this.#before = Object.fromEntries(Object.entries(this.parts).map(([name, read]) => [name, read()]));
  }

  /** Cores used by each part (1 = one core busy the whole time). */
  stop(): Record<string, number> {
    const seconds = (performance.now() - this.#startedAt) / 1000;
    return Object.fromEntries(Object.entries(this.parts).map(([name, read]) => [name, (read() - (this.#before[name] ?? 0)) / seconds]));
  }
}

export function describeCores(cores: Record<string, number>): string {
  return Object.entries(cores)
    .map(([name, used]) => `${name} ${used.toFixed(2)}`)
    .join(", ");
}

/** CPU milliseconds each part spent per unit of work (a sync, a response) at `ratePerSecond`, and their sum. */
export function cpuPerUnit(cores: Record<string, number>, ratePerSecond: number): { parts: string; totalMs: number } {
  const entries = Object.entries(cores).map(([name, used]) => [name, (used / ratePerSecond) * 1000] as const);
  return {
    parts: entries.map(([name, ms]) => `${name} ${ms.toFixed(2)} ms`).join(", "),
    totalMs: entries.reduce((sum, [, ms]) => sum + ms, 0),
  };
}

/** CPU seconds the whole machine has been busy (all cores, /proc/stat: everything but idle and iowait). */
export function machineBusySeconds(): number {
  const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
  return (user + nice + system + irq + softirq + steal) / TICKS_PER_SECOND;
}

/**
 * Cores that processes other than this run (and its children: PostgreSQL, api, worker, browser)
 * kept busy between start() and stop(): the interference of whatever else shares the machine.
 */
export class OtherWorkMeter {
  #meter = new CpuMeter({ machine: machineBusySeconds, run: () => treeCpuSeconds(process.pid) });

  start(): void {
    this.#meter.start();
  }

  stop(): number {
    const { machine = 0, run = 0 } = this.#meter.stop();
    return Math.max(0, machine - run);
  }
}
