import type { Reporter, TestModule } from "vitest/node";
import type { FaultFigures } from "./figures";

/** Prints one line with the suite's figures after the run, and one per scenario above it. */
export default class FaultSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const scenarios: FaultFigures[] = [];
    let failed = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const passed = test.result().state === "passed";
        if (!passed) failed++;
        const figures = test.meta().fault;
        if (figures) scenarios.push(passed ? figures : { ...figures, survived: 0 });
      }
    }
    const total = (key: "injected" | "survived" | "syncsRequested" | "syncsLost") => scenarios.reduce((sum, f) => sum + f[key], 0);
    const lines = scenarios.map((f) => {
      const details = Object.entries(f.details).map(([key, value]) => `${key}=${value}`);
      return `  ${f.scenario}: ${f.injected} injected, ${f.survived} survived, ${f.syncsRequested} syncs requested, ${f.syncsLost} lost${details.length ? ` (${details.join(", ")})` : ""}`;
    });
    const summary =
      `Fault suite: ${total("injected")} faults injected, ${total("survived")} survived, ` +
      `${total("syncsRequested")} syncs requested, ${total("syncsLost")} syncs lost` +
      `${failed ? `, ${failed} test(s) failed` : ""}`;
    process.stdout.write(`\n${lines.join("\n")}\n${summary}\n`);
  }
}
