import type { Machine } from "../lab/machine";
import { type BenchResult, type Figure, meets } from "./result";

/** Other work above this many cores during a benchmark is worth a warning in the report. */
const OTHER_WORK_NOTICEABLE = 0.25;

export interface RunInfo {
  date: Date;
  machine: Machine;
  /** Cores that processes outside the run kept busy during each benchmark, by id. */
  otherWork: Record<string, number>;
  totalMs: number;
  command: string;
  /** The commit measured, and the paths outside bench/ and docs/ that differed from it. */
  commit: string;
  uncommitted: string[];
}

/** 3 significant digits, without exponent notation. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value === 0) return "0";
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const decimals = Math.max(0, 2 - magnitude);
  return value.toLocaleString("en-US", { maximumFractionDigits: decimals, minimumFractionDigits: 0 });
}

export function formatValue(value: number, unit: string): string {
  return unit === "x" ? `${formatNumber(value)}x` : `${formatNumber(value)} ${unit}`;
}

/** The figure divided by its baseline, and for a ratio below 1 how many times lower that is. */
export function formatRatio(figure: Figure): string {
  if (figure.baseline === undefined) return "-";
  const ratio = figure.value / figure.baseline;
  if (!Number.isFinite(ratio)) return "n/a";
  return ratio < 1 && ratio > 0 ? `${formatNumber(ratio)}x (${formatNumber(1 / ratio)}x lower)` : `${formatNumber(ratio)}x`;
}

function formatTarget(figure: Figure): string {
  return figure.target ? `${figure.target.op === "<=" ? "≤" : "≥"} ${formatValue(figure.target.value, figure.unit)}` : "-";
}

function verdict(figure: Figure): string {
  const met = meets(figure);
  return met === undefined ? "-" : met ? "yes" : "**no**";
}

function escapeCell(text: string): string {
  return text.replaceAll("|", "\\|");
}

export function renderReport(results: BenchResult[], run: RunInfo): string {
  const { machine } = run;
  const lines: string[] = [
    "# Performance",
    "",
    `Written by \`${run.command}\` (the \`bench/\` workspace) on ${run.date.toISOString().slice(0, 16).replace("T", " ")} UTC; the whole run took ${formatNumber(run.totalMs / 60_000)} min.`,
    "Every figure comes with the baseline measured in the same run and the ratio figure / baseline. Benchmarks are not tests: nothing here is asserted by `npm test`.",
    "",
    `Code measured: commit ${run.commit}${run.uncommitted.length ? `, plus uncommitted work of other helpers in ${run.uncommitted.join(", ")}` : ""}.`,
    "",
    "| Machine | |",
    "| --- | --- |",
    `| CPUs (\`nproc\`) | ${machine.nproc} |`,
    `| Memory | ${formatNumber(machine.memoryGiB)} GiB |`,
    `| CPU model | ${machine.cpuModel} |`,
    `| Node | ${machine.node} |`,
    `| Cores busy with work outside this run's processes during each benchmark (see below) | ${Object.entries(run.otherWork)
      .map(([id, cores]) => `${id} ${cores.toFixed(2)}`)
      .join(", ")} |`,
    "",
  ];
  const disturbed = Object.entries(run.otherWork)
    .filter(([, cores]) => cores > OTHER_WORK_NOTICEABLE)
    .map(([id]) => id);
  lines.push(
    disturbed.length > 0
      ? `Work outside this run kept more than ${OTHER_WORK_NOTICEABLE} of the ${machine.nproc} cores busy during ${disturbed.join(", ")}: those figures may be worse than this code does on a quiet machine (\`npm run bench -- --only ${disturbed.join(",")}\` measures them again). The figure is the machine's busy time (/proc/stat) less the CPU time of this run's process tree, so it also counts the kernel's own work and processes of the run that were reparented before they were reaped (Chromium's helpers in the SPA benchmark).`
      : "Work outside this run stayed below a quarter of a core during every benchmark (the machine's busy time less the CPU time of this run's process tree).",
    "",
    "## Targets",
    "",
    "| Benchmark | Figure | Target | Value | Met |",
    "| --- | --- | --- | --- | --- |",
  );
  for (const result of results) {
    for (const figure of result.figures.filter((candidate) => candidate.target)) {
      lines.push(`| ${result.title} | ${escapeCell(figure.label)} | ${formatTarget(figure)} | ${formatValue(figure.value, figure.unit)} | ${verdict(figure)} |`);
    }
  }
  results.forEach((result, index) => {
    lines.push(
      "",
      `## ${index + 1}. ${result.title}`,
      "",
      `Benchmark \`${result.id}\` (\`npm run bench -- --only ${result.id}\`), ${formatNumber(result.durationMs / 1000)} s.`,
      "",
      ...result.method.map((line) => `- ${line}`),
      "",
      `**Baseline:** ${result.baseline}`,
      "",
      "| Figure | Value | Baseline | Ratio to baseline | Target | Met |",
      "| --- | --- | --- | --- | --- | --- |",
      ...result.figures.map(
        (figure) =>
          `| ${escapeCell(figure.label)} | ${formatValue(figure.value, figure.unit)} | ${figure.baseline === undefined ? "-" : formatValue(figure.baseline, figure.unit)} | ${formatRatio(figure)} | ${formatTarget(figure)} | ${verdict(figure)} |`,
      ),
    );
    if (result.notes.length > 0) lines.push("", "**Findings:**", "", ...result.notes.map((note) => `- ${note}`));
    if (result.appendix?.length) lines.push("", ...result.appendix);
  });
  lines.push(
    "",
    "## Running it",
    "",
    "- `npm run bench`: every benchmark in sequence, then this file is rewritten.",
    "- `npm run bench -- --only pickup` (ids: pickup, click, bulk, catalogue, drift, api, flood, spa, memory; comma-separated for several): prints the sections, leaves this file alone.",
    "- `--quick` shrinks every size for a check of the harness; `--profile` keeps CPU profiles even when targets are met.",
    "",
  );
  return lines.join("\n");
}
