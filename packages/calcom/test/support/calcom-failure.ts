import { expect } from "vitest";
import { CalcomError } from "../../src/errors";

/** The CalcomError a call rejects with; fails the test when it resolves or rejects with anything else. */
export async function calcomFailure(promise: Promise<unknown>): Promise<CalcomError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CalcomError);
  return error as CalcomError;
}
