import { parseArgs } from "node:util";
import type { VerifyOptions } from "./check";
import { DEFAULT_TEST_SERVICE } from "./checks/find-test-service";

export const USAGE = `Usage: npm run verify -- [options]

Checks the running system (database, job store, worker, Cal.com) with the api's and worker's environment.

  --json               print the report as JSON
  --service <id|slug>  the service to test Cal.com with (default "${DEFAULT_TEST_SERVICE}")
  --smoke              also queue a real sync of that service and wait until it is synced
  --timeout <seconds>  how long --smoke waits (default 60)
  --help               show this

Exit code: 0 when no check failed, 1 when one did, 2 for bad arguments.`;

export type ParsedArgs = { ok: true; json: boolean; help: boolean; options: VerifyOptions } | { ok: false; error: string };

export function parseVerifyArgs(argv: string[]): ParsedArgs {
  let values: { json?: boolean; help?: boolean; smoke?: boolean; service?: string; timeout?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
        smoke: { type: "boolean" },
        service: { type: "string" },
        timeout: { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
  const timeout = values.timeout === undefined ? 60 : Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) return { ok: false, error: "--timeout must be a number of seconds above 0" };
  const service = values.service?.trim() || DEFAULT_TEST_SERVICE;
  return {
    ok: true,
    json: values.json ?? false,
    help: values.help ?? false,
    options: { service, smoke: values.smoke ?? false, timeoutMs: timeout * 1000 },
  };
}
