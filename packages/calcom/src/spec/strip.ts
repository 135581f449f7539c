import { openapiSubset } from "../generated/openapi-subset.generated";
import type { OpenApiSubset, SchemaObject } from "./openapi-types";
import { resolveSchema } from "./spec";

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A schema and the alternatives it composes (allOf/oneOf/anyOf), flattened. */
function branches(schema: SchemaObject, spec: Pick<OpenApiSubset, "components">): SchemaObject[] {
  const resolved = resolveSchema(schema, spec);
  const nested = [...(resolved.allOf ?? []), ...(resolved.oneOf ?? []), ...(resolved.anyOf ?? [])];
  return [resolved, ...nested.flatMap((branch) => branches(branch, spec))];
}

/**
 * Keeps only the object keys the schema defines, recursively. A key defined by several alternatives
 * (oneOf branches) keeps whatever any of them allows: stripping must never drop a field the spec knows.
 * Objects whose schema lists no properties (e.g. `metadata`) are free-form and kept as they are.
 */
export function stripUnknownFields(value: unknown, schema: SchemaObject, spec: Pick<OpenApiSubset, "components"> = openapiSubset): unknown {
  const all = branches(schema, spec);
  if (Array.isArray(value)) {
    const items = all.flatMap((s) => (s.items ? [s.items] : []));
    if (items.length === 0) return value;
    const itemSchema: SchemaObject = items.length === 1 ? (items[0] as SchemaObject) : { anyOf: items };
    return value.map((item) => stripUnknownFields(item, itemSchema, spec));
  }
  if (!isPlainObject(value)) return value;
  const known = new Map<string, SchemaObject[]>();
  for (const s of all) {
    for (const [key, propertySchema] of Object.entries(s.properties ?? {})) {
      known.set(key, [...(known.get(key) ?? []), propertySchema]);
    }
  }
  if (known.size === 0) return value;
  const kept: Record<string, unknown> = {};
  for (const [key, fieldValue] of Object.entries(value)) {
    const schemas = known.get(key);
    if (!schemas) continue;
    const fieldSchema: SchemaObject = schemas.length === 1 ? (schemas[0] as SchemaObject) : { anyOf: schemas };
    kept[key] = stripUnknownFields(fieldValue, fieldSchema, spec);
  }
  return kept;
}
