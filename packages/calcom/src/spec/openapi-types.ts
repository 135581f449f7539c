/** The parts of an OpenAPI 3.0 document that this package reads at runtime. */
export interface SchemaObject {
  type?: string;
  nullable?: boolean;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  allOf?: SchemaObject[];
  $ref?: string;
  enum?: unknown[];
  [keyword: string]: unknown;
}

export interface ParameterObject {
  name: string;
  in: "header" | "path" | "query" | "cookie";
  required?: boolean;
  schema?: SchemaObject;
  [keyword: string]: unknown;
}

export interface OperationObject {
  operationId?: string;
  parameters?: ParameterObject[];
  requestBody?: { required?: boolean; content: Record<string, { schema: SchemaObject }> };
  responses: Record<string, { description?: string; content?: Record<string, { schema: SchemaObject }> }>;
  [keyword: string]: unknown;
}

export type HttpMethod = "get" | "post" | "patch" | "delete";

export interface OpenApiSubset {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, Partial<Record<HttpMethod, OperationObject>>>;
  components: { schemas: Record<string, SchemaObject> };
}
