/**
 * Writes src/generated/* from Cal.com's OpenAPI description (../shared/calcom/openapi-v2.json beside
 * the repository, or CALCOM_OPENAPI_PATH). Run: npm run generate -w @askpro/calcom
 */
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { buildGeneratedFiles } from "./generated-files";
import { resolveSpecPath } from "./spec-path";

const packageRoot = resolve(import.meta.dirname, "..");
const specPath = resolveSpecPath();

const files = await buildGeneratedFiles(JSON.parse(readFileSync(specPath, "utf8")));
const typesPath = resolve(packageRoot, "src/generated/openapi.generated.ts");
const subsetPath = resolve(packageRoot, "src/generated/openapi-subset.generated.ts");
writeFileSync(typesPath, files.types);
writeFileSync(subsetPath, files.subset);
console.log(`Wrote ${typesPath} (${files.types.length} bytes) and ${subsetPath} (${files.subset.length} bytes) from ${specPath}`);
