import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Orm } from "@askpro/db";
import { load } from "js-yaml";
import pino from "pino";
import type { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { createApiMetrics } from "../apps/api/src/metrics/api-metrics.ts";
import { createWorkerMetrics } from "../apps/worker/src/metrics/worker-metrics.ts";

const RULES_FILE = join(dirname(fileURLToPath(import.meta.url)), "..", "ops", "prometheus", "alerts.yml");

interface Rule {
  alert?: string;
  expr?: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface RuleFile {
  groups: { name: string; rules: Rule[] }[];
}

/** Series names Prometheus stores for each metric of a registry (a histogram is stored as three). */
function exportedSeries(registry: Registry): Set<string> {
  const names = new Set<string>();
  for (const metric of registry.getMetricsAsArray()) {
    const { name, type } = metric as unknown as { name: string; type: string };
    if (type === "histogram") for (const suffix of ["_bucket", "_sum", "_count"]) names.add(name + suffix);
    else if (type === "summary") for (const suffix of ["", "_sum", "_count"]) names.add(name + suffix);
    else names.add(name);
  }
  return names;
}

/** Made by Prometheus itself for every scrape target. */
const PROMETHEUS_SERIES = new Set(["up", "scrape_duration_seconds", "scrape_samples_scraped"]);
const PROMQL_KEYWORDS = new Set(["and", "or", "unless", "bool", "offset", "inf", "nan"]);

/**
 * The metric names a PromQL expression selects: what is left after strings, label matchers, ranges,
 * grouping clauses and numbers are taken out, minus function calls (a name before "(") and keywords.
 */
function selectedMetrics(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, " ")
    .replace(/\{[^}]*\}/g, " ")
    .replace(/\[[^\]]*\]/g, " ")
    .replace(/\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, " ")
    .replace(/(?<![\w:])\d+(?:\.\d+)?(?:e[+-]?\d+)?(?![\w:])/gi, " ");
  const names: string[] = [];
  for (const match of stripped.matchAll(/[a-zA-Z_:][a-zA-Z0-9_:]*/g)) {
    const [name] = match;
    if (stripped.slice(match.index + name.length).trimStart().startsWith("(")) continue;
    if (!PROMQL_KEYWORDS.has(name.toLowerCase())) names.push(name);
  }
  return names;
}

const rules = (load(readFileSync(RULES_FILE, "utf8")) as RuleFile).groups.flatMap((group) => group.rules);

describe("ops/prometheus/alerts.yml", () => {
  // The registries the api and the worker serve at /metrics, built by their own code (no scrape is
  // made, so the api's database-backed gauge needs no database: only the names are read).
  const api = exportedSeries(createApiMetrics({ orm: {} as Orm, logger: pino({ level: "silent" }) }).registry);
  const worker = exportedSeries(createWorkerMetrics().registry);
  const exported = new Set([...api, ...worker, ...PROMETHEUS_SERIES]);

  it("reads the metric names from the real registries (both apps, their own and Node's default metrics)", () => {
    expect(api).toContain("askpro_sync_requests_total");
    expect(api).toContain("askpro_api_request_duration_seconds_bucket");
    expect(worker).toContain("askpro_sync_job_pickup_delay_seconds_bucket");
    expect(worker).toContain("process_start_time_seconds");
    expect(selectedMetrics('histogram_quantile(0.95, sum by (le) (rate(x_bucket{a="b"}[5m]))) > 1e-3 and on() up == 0')).toEqual(["x_bucket", "up"]);
  });

  it("holds alerting rules, each with an expression, a severity and a summary", () => {
    expect(rules.length).toBeGreaterThanOrEqual(10);
    for (const rule of rules) {
      expect(rule.alert, JSON.stringify(rule)).toMatch(/^Askpro[A-Za-z]+$/);
      expect(rule.expr?.trim(), rule.alert).toBeTruthy();
      expect(["critical", "warning"], rule.alert).toContain(rule.labels?.severity);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
    }
    expect(new Set(rules.map((rule) => rule.alert)).size).toBe(rules.length);
  });

  it.each(rules.map((rule) => [rule.alert ?? "?", rule.expr ?? ""]))("%s names only metrics the api and the worker export", (_alert, expr) => {
    const names = selectedMetrics(expr);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !exported.has(name))).toEqual([]);
  });

  it("covers the thresholds of docs/operations.md", () => {
    const exprs = rules.map((rule) => rule.expr ?? "").join("\n");
    for (const metric of [
      "askpro_sync_requests_total",
      "askpro_sync_jobs_total",
      "askpro_sync_job_pickup_delay_seconds_bucket",
      "askpro_sync_job_duration_seconds_bucket",
      "askpro_calcom_requests_total",
      "askpro_calcom_request_duration_seconds_bucket",
      "askpro_services",
      "askpro_api_requests_total",
      "askpro_api_request_duration_seconds_bucket",
    ]) {
      expect(exprs, metric).toContain(metric);
    }
  });

  const promtool = spawnSync("promtool", ["--version"], { encoding: "utf8" });
  const promtoolMissing = promtool.error ? `promtool is not installed (Debian: apt-get install prometheus): ${promtool.error.message}` : undefined;
  if (promtoolMissing) console.warn(`Skipping "promtool check rules": ${promtoolMissing}`);

  it.skipIf(promtoolMissing !== undefined)("passes promtool check rules", () => {
    const output = execFileSync("promtool", ["check", "rules", RULES_FILE], { encoding: "utf8" });
    expect(output).toContain(`SUCCESS: ${rules.length} rules found`);
  });
});
