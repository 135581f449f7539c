import { openapiSubset } from "../generated/openapi-subset.generated";
import type { HttpMethod, OpenApiSubset, OperationObject, SchemaObject } from "./openapi-types";

export const SCHEMA_REF_PREFIX = "#/components/schemas/";

export function findOperation(method: HttpMethod, pathTemplate: string, spec: OpenApiSubset = openapiSubset): OperationObject {
  const operation = spec.paths[pathTemplate]?.[method];
  if (!operation) throw new Error(`Cal.com spec has no operation ${method.toUpperCase()} ${pathTemplate}`);
  return operation;
}

/** Whether the spec declares header `name` as required for this operation (e.g. cal-api-version). */
export function requiresHeader(operation: OperationObject, name: string): boolean {
  const lower = name.toLowerCase();
  return (operation.parameters ?? []).some((p) => p.in === "header" && p.name.toLowerCase() === lower && p.required === true);
}

export function requestBodySchema(operation: OperationObject): SchemaObject | undefined {
  return operation.requestBody?.content["application/json"]?.schema;
}

/** The 2xx response of an operation: its status and JSON schema. */
export function successResponse(operation: OperationObject): { status: number; schema: SchemaObject } {
  for (const [status, response] of Object.entries(operation.responses)) {
    const schema = response.content?.["application/json"]?.schema;
    if (status.startsWith("2") && schema) return { status: Number(status), schema };
  }
  throw new Error(`Cal.com spec: operation ${operation.operationId} has no JSON success response`);
}

export function resolveSchema(schema: SchemaObject, spec: Pick<OpenApiSubset, "components"> = openapiSubset): SchemaObject {
  let current = schema;
  for (let depth = 0; current.$ref; depth++) {
    if (!current.$ref.startsWith(SCHEMA_REF_PREFIX) || depth > 32) throw new Error(`Cal.com spec: cannot resolve ${current.$ref}`);
    const target = spec.components.schemas[current.$ref.slice(SCHEMA_REF_PREFIX.length)];
    if (!target) throw new Error(`Cal.com spec: unknown schema ${current.$ref}`);
    current = target;
  }
  return current;
}

export function namedSchema(name: string, spec: Pick<OpenApiSubset, "components"> = openapiSubset): SchemaObject {
  const schema = spec.components.schemas[name];
  if (!schema) throw new Error(`Cal.com spec has no schema ${name}`);
  return schema;
}
