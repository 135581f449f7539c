import { existsSync, readFileSync } from "node:fs";
import { resolveSpecPath } from "../../scripts/spec-path";
import { openapiSubset } from "../../src/generated/openapi-subset.generated";
import type { OpenApiSubset } from "../../src/spec/openapi-types";

/**
 * The spec the contract tests hold everything to: Cal.com's own openapi-v2.json when it is beside the
 * repository (or at CALCOM_OPENAPI_PATH), else the committed subset generated from it, saying so.
 */
function load(): { spec: OpenApiSubset; source: string; isOriginal: boolean } {
  const path = resolveSpecPath();
  if (existsSync(path)) return { spec: JSON.parse(readFileSync(path, "utf8")) as OpenApiSubset, source: path, isOriginal: true };
  console.warn(`Cal.com spec not found at ${path}: contract tests use the committed subset src/generated/openapi-subset.generated.ts`);
  return { spec: openapiSubset, source: "src/generated/openapi-subset.generated.ts", isOriginal: false };
}

export const specUnderTest = load();
