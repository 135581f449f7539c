import { readFileSync } from "node:fs";

export interface BenchArgs {
  /** Benchmark ids to run; empty: all. */
  only: string[];
  quick: boolean;
  profile: boolean;
  /** Where the report goes; undefined: stdout only. */
  write: boolean;
}

/**
 * `npm run bench -- --only pickup` reaches this script through two npm runs: the root script runs
 * `npm run bench -w @askpro/bench --only pickup`, and that npm takes `--only` for its own (long
 * obsolete) `only` setting and drops it, so it never reaches argv. The flag is then read from the
 * command line of the processes above (Linux /proc). Other flags (`--quick`) arrive as npm_config_*.
 */
export function parseArgs(argv: string[], env: NodeJS.ProcessEnv, known: string[]): BenchArgs {
  const only: string[] = [];
  let quick = false;
  let profile = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--only") only.push(...splitIds(argv[++i]));
    else if (arg.startsWith("--only=")) only.push(...splitIds(arg.slice("--only=".length)));
    else if (arg === "--quick") quick = true;
    else if (arg === "--profile") profile = true;
    else throw new Error(`Unknown argument ${arg}: use --only <${known.join("|")}>[,...], --quick, --profile`);
  }
  if (only.length === 0 && env.npm_lifecycle_event === "bench") only.push(...onlyFromAncestors());
  if (env.npm_config_quick === "true") quick = true;
  if (env.npm_config_profile === "true") profile = true;
  const unknown = only.filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new Error(`Unknown benchmark ${unknown.join(", ")}: choose from ${known.join(", ")}`);
  return { only, quick, profile, write: only.length === 0 && !quick };
}

function splitIds(value: string | undefined): string[] {
  if (!value) throw new Error("--only needs a benchmark id");
  return value
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
}

/** `--only X` / `--only=X` on the command line of the nearest ancestor process that has one. */
function onlyFromAncestors(): string[] {
  let pid = process.ppid;
  for (let depth = 0; depth < 8 && pid > 1; depth++) {
    let args: string[];
    let parent: number;
    try {
      // npm overwrites its process title ("npm run bench --only pickup"), and `sh -c` holds the
      // whole command in one argument: so words, not arguments.
      args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split(/[\0\s]+/);
      parent = Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ")[1]);
    } catch {
      return [];
    }
    const index = args.indexOf("--only");
    if (index >= 0) return splitIds(args[index + 1]);
    const inline = args.find((arg) => arg.startsWith("--only="));
    if (inline) return splitIds(inline.slice("--only=".length));
    pid = parent;
  }
  return [];
}
