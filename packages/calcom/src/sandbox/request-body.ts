import type { SchemaObject } from "../spec/openapi-types";
import { stripUnknownFields } from "../spec/strip";
import type { SpecValidator } from "../spec/validator";
import { SandboxHttpError } from "./http-errors";

/** Rules of Cal.com's DTOs (class-validator) that the OpenAPI schema does not carry. */
const INTEGER_MINIMUMS: Record<string, number> = {
  lengthInMinutes: 1,
  minimumBookingNotice: 0,
  beforeEventBuffer: 0,
  afterEventBuffer: 0,
  slotInterval: 1,
  offsetStart: 0,
};

function dtoRuleViolations(body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [field, minimum] of Object.entries(INTEGER_MINIMUMS)) {
    const value = body[field];
    if (typeof value !== "number") continue;
    if (!Number.isInteger(value)) problems.push(`${field} must be an integer number`);
    else if (value < minimum) problems.push(`${field} must not be less than ${minimum}`);
  }
  for (const field of ["title", "slug"]) {
    if (typeof body[field] === "string" && (body[field] as string).trim() === "") problems.push(`${field} should not be empty`);
  }
  return problems;
}

function badRequest(problems: string[]): SandboxHttpError {
  return new SandboxHttpError(400, problems.join("; "), { message: problems, error: "Bad Request", statusCode: 400 });
}

/**
 * The body as Cal.com's validation pipe sees it: JSON only with a JSON content type (else empty),
 * unknown fields stripped silently, then validated against the operation's request schema.
 */
export function readRequestBody(
  raw: string,
  contentType: string | undefined,
  schema: SchemaObject,
  validator: SpecValidator,
): Record<string, unknown> {
  let parsed: unknown = {};
  if (contentType?.toLowerCase().includes("application/json") && raw.trim() !== "") {
    try {
      parsed = JSON.parse(raw);
    } catch (error) {
      throw new SandboxHttpError(400, error instanceof Error ? error.message : "Invalid JSON body");
    }
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw badRequest(["body must be a JSON object"]);
  const body = stripUnknownFields(parsed, schema) as Record<string, unknown>;
  const result = validator.validate(body, schema);
  const problems = [...(result.ok ? [] : result.errors), ...dtoRuleViolations(body)];
  if (problems.length > 0) throw badRequest(problems);
  return body;
}
