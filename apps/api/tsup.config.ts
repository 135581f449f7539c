import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/main.ts"],
  format: ["esm"],
  platform: "node",
  target: "node24",
  outDir: "dist",
  clean: true,
  sourcemap: true,
  // Our workspace packages ship TypeScript source, so they are bundled; every npm package stays external.
  noExternal: [/^@askpro\//],
  external: [/^(?!@askpro\/)[^./]/],
});
