import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// In dev the SPA and the api are two origins; proxying keeps every request same-origin,
// so the httpOnly session cookie flows exactly as in production (api serving the built SPA).
const apiUrl = process.env.API_URL ?? "http://127.0.0.1:3000";
const proxied = Object.fromEntries(["/trpc", "/healthz", "/readyz"].map((path) => [path, { target: apiUrl, changeOrigin: false }]));

export default defineConfig({
  plugins: [react()],
  server: { proxy: proxied },
  preview: { proxy: proxied },
  build: {
    sourcemap: true,
    // Everything the first page needs in one chunk: the lazily loaded pages would otherwise split it into
    // many tiny shared chunks, each one more request and gzipped on its own.
    rolldownOptions: { output: { codeSplitting: { groups: [{ name: "app", tags: ["$initial"] }] } } },
  },
  test: { include: ["src/**/*.test.ts"], environment: "node" },
});
