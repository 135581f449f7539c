import type { StandardSchemaV1 } from "@t3-oss/env-core";

export type RuntimeEnv = Record<string, string | undefined>;

/**
 * What every package's preset (`databaseEnv`, `jobsEnv`, `calcomEnv`, ...) is called with, to be
 * spread into its `createEnv`: the variables to judge and where its problems go.
 */
export interface PresetOptions {
  runtimeEnv: RuntimeEnv;
  onValidationError: (issues: readonly StandardSchemaV1.Issue[]) => never;
}

export interface ComposedEnv<T> {
  /** Complete only when `problems` is empty; otherwise it holds what the presets that passed returned. */
  env: T;
  /** One line per problem, naming the variable and never its value, in preset order, without repeats. */
  problems: string[];
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.join("\n")}`);
    this.name = "EnvError";
  }
}

/**
 * Runs `compose`, a `createEnv({ extends: [presets...] })`, so that every preset is judged rather than
 * only the first that fails: createEnv calls onValidationError and returns its result, so the handler
 * here records the problems and hands back an empty object instead of throwing. Blank values count
 * as unset, as an empty `FOO=` line in an env file means.
 */
export function composeEnv<T>(source: NodeJS.ProcessEnv, compose: (options: PresetOptions) => T): ComposedEnv<T> {
  const problems: string[] = [];
  const runtimeEnv = Object.fromEntries(Object.entries(source).filter(([, value]) => value?.trim()));
  const onValidationError = (issues: readonly StandardSchemaV1.Issue[]): never => {
    problems.push(...issues.map(describeIssue));
    return {} as never;
  };
  const env = compose({ runtimeEnv, onValidationError });
  return { env: { ...env }, problems: [...new Set(problems)] };
}

/** `NAME message`, unless the message already starts with the variable's name. */
export function describeIssue(issue: StandardSchemaV1.Issue): string {
  const name = (issue.path ?? []).map((segment) => String(typeof segment === "object" ? segment.key : segment)).join(".");
  return !name || issue.message.startsWith(name) ? issue.message : `${name} ${issue.message}`;
}
