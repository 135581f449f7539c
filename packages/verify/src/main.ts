/** `npm run verify -- [--json] [--service <id|slug>] [--smoke] [--timeout <s>]`: see args.ts. */
import { parseVerifyArgs, USAGE } from "./args";
import { formatReport } from "./report";
import { runVerify } from "./run-verify";

const args = parseVerifyArgs(process.argv.slice(2));
if (!args.ok) {
  console.error(`verify: ${args.error}\n\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const report = await runVerify(process.env, args.options);
// Exits once the report is written: a Cal.com client's pacer timer must not hold the process.
process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report), () => process.exit(report.ok ? 0 : 1));
