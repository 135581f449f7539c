import { existsSync } from "node:fs";
import { join } from "node:path";
import { build, type Plugin } from "esbuild";
import { REPO_ROOT } from "./paths";

/** Inside the repository, so the bundles find node_modules as apps/*\/dist does; ignored by git (dist/). */
const BUNDLE_DIR = join(REPO_ROOT, "bench/dist");

export const PROCESSES = {
  api: "apps/api/src/main.ts",
  worker: "apps/worker/src/main.ts",
  "sync-worker": "bench/src/procs/sync-worker.ts",
} as const;
export type ProcessName = keyof typeof PROCESSES;

/** Our workspace packages ship TypeScript source and are bundled in; every npm package stays external (as the apps' tsup configs do). */
const npmPackagesExternal: Plugin = {
  name: "npm-packages-external",
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@askpro/") ? undefined : { path: args.path, external: true }));
  },
};

export function bundlePath(name: ProcessName): string {
  const path = join(BUNDLE_DIR, name, "main.js");
  if (!existsSync(path)) throw new Error(`${path} is missing: bundleProcesses() runs first`);
  return path;
}

/**
 * Builds each process the benchmarks start into one ESM file, the way `npm start` runs the api and
 * the worker (tsup: node24, ESM, workspace packages bundled), so the figures are those of the
 * production build run by plain Node, not of tsx compiling on the fly.
 */
export async function bundleProcesses(): Promise<void> {
  await Promise.all(
    Object.entries(PROCESSES).map(([name, entry]) =>
      build({
        entryPoints: [join(REPO_ROOT, entry)],
        outfile: join(BUNDLE_DIR, name, "main.js"),
        bundle: true,
        format: "esm",
        platform: "node",
        target: "node24",
        sourcemap: true,
        logLevel: "warning",
        plugins: [npmPackagesExternal],
      }),
    ),
  );
}
