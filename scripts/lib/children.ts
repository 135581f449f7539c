import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, type FSWatcher, watch } from "node:fs";
import { join, relative } from "node:path";
import { createInterface } from "node:readline";

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /**
   * Restarted when it crashes (with backoff) instead of stopping everything, and at once when a source
   * file under one of `watch` changes; a clean exit (code 0) waits for such a change. For `npm run dev` only: `npm start` leaves restarts to the
   * process manager, which must see the stack fail.
   */
  restart?: { watch: string[] };
}

/** 1 s, 2 s, 4 s ... 30 s between restarts of a process that keeps dying. */
export const RESTART_BACKOFF = { firstMs: 1_000, maxMs: 30_000, stableAfterMs: 30_000 };
const RELOAD_DEBOUNCE_MS = 200;
const COLORS = [36, 35, 33, 32, 34, 31];

interface Managed {
  spec: ChildSpec;
  color: number;
  child?: ChildProcess;
  startedAt: number;
  /** Deaths in a row without a stable run between them: the backoff's exponent. */
  crashes: number;
  pendingRestart?: NodeJS.Timeout;
  /** Stopped on purpose to load changed sources: its exit is no crash. */
  reloading: boolean;
}

export type UnexpectedExit = (name: string, code: number | null, signal: NodeJS.Signals | null) => void;

/** Runs long-lived processes with prefixed output; restarts or stops all of them when one dies, as its spec says. */
export class Children {
  private readonly managed = new Map<string, Managed>();
  private readonly watchers: FSWatcher[] = [];
  private stopping = false;

  constructor(
    private readonly onUnexpectedExit: UnexpectedExit,
    private readonly say: (line: string) => void = (line) => console.error(line),
    private readonly backoff: typeof RESTART_BACKOFF = RESTART_BACKOFF,
  ) {}

  start(spec: ChildSpec): void {
    const entry: Managed = { spec, color: COLORS[this.managed.size % COLORS.length] as number, startedAt: 0, crashes: 0, reloading: false };
    this.managed.set(spec.name, entry);
    this.spawn(entry);
    if (spec.restart) this.watchSources(entry, spec.restart.watch);
  }

  private spawn(entry: Managed): void {
    const { spec } = entry;
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: { ...process.env, ...spec.env },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    entry.child = child;
    entry.startedAt = Date.now();
    entry.reloading = false;
    const prefix = `\x1b[${entry.color}m[${spec.name}]\x1b[0m `;
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on("line", (line) => process.stdout.write(`${prefix}${line}\n`));
    }
    child.on("exit", (code, signal) => this.exited(entry, child, code, signal));
  }

  private exited(entry: Managed, child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (entry.child !== child || this.stopping) return;
    entry.child = undefined;
    const { name, restart } = entry.spec;
    if (entry.reloading) {
      this.spawn(entry);
      return;
    }
    if (!restart) {
      this.onUnexpectedExit(name, code, signal);
      return;
    }
    if (code === 0 && signal === null) {
      // A clean stop (e.g. `kill <pid>`, which the apps answer by draining and exiting 0) was asked for:
      // it stays down, as a developer testing a stopped worker needs, until its sources change.
      this.say(`${name} stopped (code 0); it starts again when one of its sources changes`);
      return;
    }
    if (Date.now() - entry.startedAt >= this.backoff.stableAfterMs) entry.crashes = 0;
    const delayMs = Math.min(this.backoff.firstMs * 2 ** entry.crashes, this.backoff.maxMs);
    entry.crashes += 1;
    this.say(`${name} exited (${describeExit(code, signal)}); restarting in ${delayMs / 1000} s`);
    entry.pendingRestart = setTimeout(() => {
      entry.pendingRestart = undefined;
      if (!this.stopping) this.spawn(entry);
    }, delayMs);
  }

  /** Like `tsx watch`, but this process owns the restart, so a crash is seen as one. */
  private watchSources(entry: Managed, dirs: string[]): void {
    let debounce: NodeJS.Timeout | undefined;
    for (const dir of dirs.filter((path) => existsSync(path))) {
      const watcher = watch(dir, { recursive: true }, (_event, file) => {
        if (!file || !/\.(ts|tsx|json)$/.test(file) || /\.test\.ts$/.test(file) || this.stopping) return;
        clearTimeout(debounce);
        debounce = setTimeout(() => this.reload(entry, relative(entry.spec.cwd, join(dir, file))), RELOAD_DEBOUNCE_MS);
      });
      this.watchers.push(watcher);
    }
  }

  private reload(entry: Managed, changed: string): void {
    if (this.stopping) return;
    this.say(`${entry.spec.name}: ${changed} changed; restarting`);
    entry.crashes = 0;
    clearTimeout(entry.pendingRestart);
    entry.pendingRestart = undefined;
    const child = entry.child;
    if (!child) {
      this.spawn(entry);
      return;
    }
    if (entry.reloading) return;
    entry.reloading = true;
    signalGroup(child, "SIGTERM");
    setTimeout(() => signalGroup(child, "SIGKILL"), 10_000).unref();
  }

  /** SIGTERM to each process group, SIGKILL after the grace period. */
  async stopAll(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    for (const watcher of this.watchers) watcher.close();
    const exits = [...this.managed.values()].map((entry) => {
      clearTimeout(entry.pendingRestart);
      const child = entry.child;
      return new Promise<void>((resolve) => {
        if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        signalGroup(child, "SIGTERM");
        setTimeout(() => signalGroup(child, "SIGKILL"), graceMs).unref();
      });
    });
    await Promise.all(exits);
  }
}

export function describeExit(code: number | null, signal: NodeJS.Signals | null): string {
  return signal ? `signal ${signal}` : `code ${code}`;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Runs a command to completion, inheriting output; rejects on a non-zero exit. */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`)),
    );
  });
}

/** Waits until `url` answers; with `anyStatus` an error status counts as up (the server is listening). */
export async function waitForHttp(url: string, timeoutMs: number, anyStatus = false): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.ok || anyStatus) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
