import type { VerifyReport } from "./run-verify";

const LABELS = { pass: "PASS", warn: "WARN", fail: "FAIL", skip: "SKIP" } as const;

/** The checklist for people: one block per check, the fix under each failure or warning. */
export function formatReport(report: VerifyReport): string {
  const width = Math.max(...report.checks.map((check) => check.title.length));
  const lines = ["AskPro Gateway verification", ""];
  for (const check of report.checks) {
    const [first, ...more] = check.detail.split("\n");
    lines.push(`[${LABELS[check.status]}] ${check.title.padEnd(width)}  ${first}`);
    const indent = " ".repeat(width + 9);
    for (const line of more) lines.push(`${indent}${line}`);
    if (check.fix && check.status !== "pass") lines.push(`${indent}fix: ${check.fix}`);
  }
  const { pass, warn, fail, skip } = report.counts;
  lines.push("", `${fail} failed, ${warn} ${warn === 1 ? "warning" : "warnings"}, ${pass} passed, ${skip} skipped (${(report.durationMs / 1000).toFixed(1)} s)`);
  return `${lines.join("\n")}\n`;
}
