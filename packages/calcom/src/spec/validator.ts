import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { openapiSubset } from "../generated/openapi-subset.generated";
import type { OpenApiSubset, SchemaObject } from "./openapi-types";
import { SCHEMA_REF_PREFIX } from "./spec";

export interface ValidatorOptions {
  /** Reject properties the schema does not define (the spec itself leaves objects open). */
  closed?: boolean;
  /**
   * Treat oneOf as anyOf. The spec's oneOf alternatives for locations and booking fields are told apart
   * by a `type` value it does not encode, so a strict oneOf would reject bodies Cal.com accepts.
   */
  oneOfAsAnyOf?: boolean;
}

export type ValidationResult = { ok: true } | { ok: false; errors: string[] };

const DEFINITIONS_ID = "calcom-openapi";
const OPENAPI_ONLY_KEYWORDS = new Set(["nullable", "example", "description"]);

function toJsonSchema(node: unknown, options: ValidatorOptions): unknown {
  if (Array.isArray(node)) return node.map((item) => toJsonSchema(item, options));
  if (typeof node !== "object" || node === null) return node;
  const schema = node as SchemaObject;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (OPENAPI_ONLY_KEYWORDS.has(key)) continue;
    if (key === "$ref" && typeof value === "string") {
      out.$ref = `${DEFINITIONS_ID}#/definitions/${value.slice(SCHEMA_REF_PREFIX.length)}`;
    } else if (key === "properties") {
      out.properties = Object.fromEntries(Object.entries(value as object).map(([name, sub]) => [name, toJsonSchema(sub, options)]));
    } else if (key === "oneOf" && options.oneOfAsAnyOf) {
      out.anyOf = toJsonSchema(value, options);
    } else {
      out[key] = toJsonSchema(value, options);
    }
  }
  if (options.closed && schema.properties && !schema.allOf && !schema.oneOf && !schema.anyOf) out.additionalProperties = false;
  // OpenAPI 3.0 `nullable` has no JSON Schema keyword: it means "this schema, or null".
  return schema.nullable === true ? { anyOf: [{ type: "null" }, out] } : out;
}

function describe(error: ErrorObject): string {
  const where = error.instancePath ? error.instancePath.slice(1).replaceAll("/", ".") : "body";
  if (error.keyword === "additionalProperties") return `${where} has unknown property ${String(error.params.additionalProperty)}`;
  return `${where} ${error.message ?? "is invalid"}`;
}

/** JSON-schema validation (ajv) of values against the spec's component schemas. */
export class SpecValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<SchemaObject, ValidateFunction>();
  private readonly options: ValidatorOptions;

  constructor(spec: Pick<OpenApiSubset, "components"> = openapiSubset, options: ValidatorOptions = {}) {
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    const definitions = Object.fromEntries(
      Object.entries(spec.components.schemas).map(([name, schema]) => [name, toJsonSchema(schema, options)]),
    );
    this.ajv.addSchema({ $id: DEFINITIONS_ID, definitions });
    this.options = options;
  }

  validate(value: unknown, schema: SchemaObject): ValidationResult {
    let validateFn = this.compiled.get(schema);
    if (!validateFn) {
      validateFn = this.ajv.compile(toJsonSchema(schema, this.options) as object);
      this.compiled.set(schema, validateFn);
    }
    if (validateFn(value)) return { ok: true };
    const errors = [...new Set((validateFn.errors ?? []).map(describe))];
    return { ok: false, errors };
  }
}
