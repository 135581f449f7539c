import { resolve } from "node:path";

const repoRoot = resolve(import.meta.dirname, "../../..");

/** Cal.com's openapi-v2.json: CALCOM_OPENAPI_PATH, else ../shared/calcom/openapi-v2.json beside the repository. */
export function resolveSpecPath(): string {
  return process.env.CALCOM_OPENAPI_PATH ?? resolve(repoRoot, "../shared/calcom/openapi-v2.json");
}
