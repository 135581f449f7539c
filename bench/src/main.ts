/** `npm run bench`: runs the benchmarks in sequence and writes docs/performance.md. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "./args";
import { benches } from "./benches";
import { bundleProcesses } from "./lab/bundle";
import { OtherWorkMeter } from "./lab/cpu";
import { describeMachine, loadAverage, workingTree } from "./lab/machine";
import { startBenchDatabase } from "./lab/postgres";
import { renderReport } from "./report/render";
import type { BenchResult } from "./report/result";

const REPORT = resolve(import.meta.dirname, "../../docs/performance.md");

function log(line: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
}

async function main(): Promise<void> {
  const args = parseArgs(
    process.argv.slice(2),
    process.env,
    benches.map((bench) => bench.id),
  );
  const selected = args.only.length ? benches.filter((bench) => args.only.includes(bench.id)) : benches;
  const started = Date.now();
  const tree = workingTree();
  const workDir = mkdtempSync(join(tmpdir(), "askpro-bench-work-"));
  await bundleProcesses();
  log("api, worker and the benchmark worker host bundled");
  const db = await startBenchDatabase(log);
  const results: BenchResult[] = [];
  const otherWork: Record<string, number> = {};
  const failed: string[] = [];
  try {
    for (const bench of selected) {
      log(`${bench.id}: ${bench.title} (load average ${loadAverage().toFixed(2)})`);
      const others = new OtherWorkMeter();
      others.start();
      try {
        results.push(await bench.run({ db, workDir, log, quick: args.quick, profile: args.profile }));
      } catch (error) {
        // The other benchmarks' figures are still worth printing; the report is then not written.
        failed.push(bench.id);
        log(`${bench.id}: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        continue;
      }
      otherWork[bench.id] = others.stop();
      log(`${bench.id}: done; other processes kept ${otherWork[bench.id]?.toFixed(2)} cores busy meanwhile`);
    }
  } finally {
    await db.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
  const report = renderReport(results, {
    date: new Date(started),
    machine: describeMachine(),
    otherWork,
    totalMs: Date.now() - started,
    ...tree,
    command: args.write ? "npm run bench" : `npm run bench -- ${process.argv.slice(2).join(" ") || `--only ${args.only.join(",")}`}`,
  });
  if (failed.length > 0) {
    process.stdout.write(`${report}\n`);
    throw new Error(`${failed.join(", ")} failed (see above): docs/performance.md left as it is`);
  }
  if (args.write) {
    writeFileSync(REPORT, report);
    log(`report written to ${REPORT}`);
  } else {
    process.stdout.write(`${report}\n`);
    log("a partial or quick run: docs/performance.md left as it is");
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
