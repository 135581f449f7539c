import { resolve } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

const webRoot = import.meta.dirname;
const repoRoot = resolve(webRoot, "../..");
// Where `npm run dev` keeps the database (its files and the superuser URL) and the dev secrets.
const dataDir = resolve(process.env.ASKPRO_DATA_DIR ?? resolve(repoRoot, ".data"));

// In dev the SPA and the api are two origins; proxying keeps every request same-origin,
// so the httpOnly session cookie flows exactly as in production (api serving the built SPA).
const apiUrl = process.env.API_URL ?? "http://127.0.0.1:3000";
const proxied = Object.fromEntries(["/trpc", "/healthz", "/readyz", "/admin/jobs"].map((path) => [path, { target: apiUrl, changeOrigin: false }]));

export default defineConfig({
  plugins: [react()],
  server: {
    host: "127.0.0.1",
    proxy: proxied,
    // The SPA only. Vite's default allows the whole workspace through /@fs/, which in this repo means the
    // database's files and URL under .data/ and every server's source. Allowed: the web app, the one
    // workspace package it imports at run time, and the installed packages.
    fs: {
      strict: true,
      allow: [webRoot, resolve(repoRoot, "packages/domain"), resolve(repoRoot, "node_modules")],
      deny: [
        // Vite's own list: replaced, not merged, when set.
        ".env",
        ".env.*",
        "*.{crt,pem,key,p12,pfx,cer,der}",
        ".npmrc",
        ".yarnrc.yml",
        "**/.git/**",
        // The data, wherever ASKPRO_DATA_DIR puts it.
        "**/.data/**",
        "*.url",
        `${dataDir}/**`,
        // The workspace links in node_modules lead to every server's sources; the SPA reaches the domain package by its real path.
        "**/node_modules/@askpro/**",
      ],
    },
    // A watched database file reloads the page on every write, throwing away what the admin typed.
    watch: { ignored: ["**/.data/**", `${dataDir}/**`] },
    // Same-origin needs no CORS; Vite's default would let any other localhost origin read the sources.
    cors: false,
  },
  preview: { proxy: proxied },
  build: {
    sourcemap: true,
    // Everything the first page needs in one chunk: the lazily loaded pages would otherwise split it into
    // many tiny shared chunks, each one more request and gzipped on its own.
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: "app", tags: ["$initial"] }] } } },
  },
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
