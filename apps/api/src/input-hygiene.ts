import { TRPCError } from "@trpc/server";
import { ZodRealError } from "zod";

export const NUL_CHARACTER_MESSAGE = "Text must not contain NUL characters (U+0000)";

/** The path of the first string holding U+0000 in a JSON-like value, or undefined. */
export function findNulCharacter(value: unknown, path: (string | number)[] = []): (string | number)[] | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? path : undefined;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findNulCharacter(item, [...path, index]);
      if (found) return found;
    }
    return undefined;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const found = findNulCharacter(item, [...path, key]);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * PostgreSQL text cannot hold U+0000: such input fails as BAD_REQUEST with a zod issue naming the
 * field, like any other invalid input, instead of as a database error (a 500).
 */
export function refuseNulCharacters(rawInput: unknown): void {
  const path = findNulCharacter(rawInput);
  if (!path) return;
  throw new TRPCError({
    code: "BAD_REQUEST",
    message: NUL_CHARACTER_MESSAGE,
    // ZodRealError, unlike ZodError, is an Error: tRPC keeps it as the cause, so the client gets the issue.
    cause: new ZodRealError([{ code: "custom", path, message: NUL_CHARACTER_MESSAGE, input: undefined }]),
  });
}
