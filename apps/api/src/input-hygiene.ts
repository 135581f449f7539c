import { TRPCError } from "@trpc/server";
import { ZodRealError } from "zod";

export const NUL_CHARACTER_MESSAGE = "Text must not contain NUL characters (U+0000)";
/** Far beyond any input of this api (services nest two levels), far below what would strain a stack. */
export const MAX_INPUT_DEPTH = 64;
export const TOO_DEEP_MESSAGE = `Input is nested too deeply (more than ${MAX_INPUT_DEPTH} levels)`;

type Path = (string | number)[];
export type InputProblem = { kind: "nul" | "too-deep"; path: Path };

/**
 * The first problem in a JSON-like value: a string holding U+0000, or arrays and objects nested more
 * than MAX_INPUT_DEPTH levels. Walks with its own stack: input nested thousands of levels deep must
 * not overflow the call stack (a 500) before it is refused.
 */
export function findInputProblem(value: unknown): InputProblem | undefined {
  // Depth-first, in document order, so the problem found first is the first one a reader would see.
  const stack: { value: unknown; path: Path }[] = [{ value, path: [] }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value: current, path } = next;
    if (typeof current === "string") {
      if (current.includes("\u0000")) return { kind: "nul", path };
      continue;
    }
    if (!current || typeof current !== "object") continue;
    if (path.length >= MAX_INPUT_DEPTH) return { kind: "too-deep", path };
    const entries: [string | number, unknown][] = Array.isArray(current) ? current.map((item, index) => [index, item]) : Object.entries(current);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, item] = entries[i] as [string | number, unknown];
      stack.push({ value: item, path: [...path, key] });
    }
  }
  return undefined;
}

/** The path of the first string holding U+0000 in a JSON-like value, or undefined. */
export function findNulCharacter(value: unknown): Path | undefined {
  const problem = findInputProblem(value);
  return problem?.kind === "nul" ? problem.path : undefined;
}

/**
 * PostgreSQL text cannot hold U+0000, and hostile depth would overflow the stack of whatever walks
 * the input next: both fail as BAD_REQUEST with a zod issue naming where, like any other invalid
 * input, instead of as a 500.
 */
export function refuseUnfitInput(rawInput: unknown): void {
  const problem = findInputProblem(rawInput);
  if (!problem) return;
  const message = problem.kind === "nul" ? NUL_CHARACTER_MESSAGE : TOO_DEEP_MESSAGE;
  throw new TRPCError({
    code: "BAD_REQUEST",
    message,
    // ZodRealError, unlike ZodError, is an Error: tRPC keeps it as the cause, so the client gets the issue.
    cause: new ZodRealError([{ code: "custom", path: problem.path, message, input: undefined }]),
  });
}
