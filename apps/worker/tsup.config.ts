import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/main.ts"],
  format: ["esm"],
  target: "node24",
  platform: "node",
  outDir: "dist",
  clean: true,
  sourcemap: true,
  // Workspace packages export TypeScript source, which Node cannot run: bundle them in. Everything
  // else, their own dependencies included, is loaded from node_modules at run time.
  noExternal: [/^@askpro\//],
  external: [/^(?!@askpro\/)[^./]/],
});
