/** Nearest-rank percentile (p in 0-100) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] as number;
}

export interface Distribution {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function distribution(samples: readonly number[]): Distribution {
  const mean = samples.length ? samples.reduce((sum, value) => sum + value, 0) / samples.length : Number.NaN;
  return {
    count: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    p99: percentile(samples, 99),
    max: samples.length ? Math.max(...samples) : Number.NaN,
    mean,
  };
}

/**
 * Cal.com counts fixed windows that open with a key's first hit. Over k full windows the limit lets
 * k * limit requests through in k * window; so the achieved rate (per second) is the requests before
 * the last window opened divided by the time from the first request to that window's first request.
 * `times` are ascending, in ms.
 */
export function achievedRate(times: readonly number[], limit: number): number {
  const windows = Math.floor((times.length - 1) / limit);
  if (windows < 1) return Number.NaN;
  const first = times[0] as number;
  const lastWindowStart = times[windows * limit] as number;
  return (windows * limit) / ((lastWindowStart - first) / 1000);
}
