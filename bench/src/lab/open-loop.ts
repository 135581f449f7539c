import { Agent, request } from "node:http";

export interface OpenLoopOptions {
  url: string;
  path: string;
  headers: Record<string, string>;
  /** Requests per second, sent at evenly spaced moments whatever the answers do. */
  rate: number;
  seconds: number;
  /** Keep-alive connections; a request due while all are busy waits for one, and that wait counts. */
  connections: number;
}

export interface OpenLoopResult {
  /** ms from each 2xx request's scheduled moment to the end of its response. */
  latencies: number[];
  failures: number;
  /** From the first scheduled moment to the last response. */
  durationS: number;
}

/**
 * A constant-rate (open-loop) load generator, as wrk2 does it: request i is due at start + i / rate,
 * and its latency counts from that moment, so a server that falls behind shows it in the latencies
 * (no coordinated omission). autocannon's rate limit instead lets each connection send its share of a
 * second back to back at the start of the second: bursts of every connection at once, then silence.
 */
export function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const target = new URL(options.url);
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const total = Math.round(options.rate * options.seconds);
  const intervalMs = 1000 / options.rate;
  const latencies: number[] = [];
  let failures = 0;
  let sent = 0;
  let settled = 0;
  const start = performance.now();

  return new Promise((resolve) => {
    const finish = () => {
      agent.destroy();
      resolve({ latencies, failures, durationS: (performance.now() - start) / 1000 });
    };
    const settle = (scheduled: number, ok: boolean) => {
      if (ok) latencies.push(performance.now() - scheduled);
      else failures++;
      if (++settled === total) finish();
    };
    const fire = (scheduled: number) => {
      const outgoing = request({ agent, host: target.hostname, port: target.port, path: options.path, headers: options.headers }, (response) => {
        const ok = response.statusCode !== undefined && response.statusCode >= 200 && response.statusCode < 300;
        response.on("end", () => settle(scheduled, ok));
        response.on("error", () => settle(scheduled, false));
        response.resume();
      });
      outgoing.on("error", () => settle(scheduled, false));
      outgoing.end();
    };
    const tick = () => {
      const now = performance.now();
      for (let due = start + sent * intervalMs; sent < total && due <= now; due = start + sent * intervalMs) {
        fire(due);
        sent++;
      }
      if (sent < total) setTimeout(tick, Math.max(0, start + sent * intervalMs - performance.now()));
    };
    if (total === 0) finish();
    else tick();
  });
}
