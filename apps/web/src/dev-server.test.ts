import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The real vite.config.ts on a real dev server: what `npm run dev` serves is what is asserted here.
const webRoot = resolve(import.meta.dirname, "..");
const repoRoot = resolve(webRoot, "../..");

describe("Vite dev server (npm run dev)", () => {
  let server: ViteDevServer;
  let base: string;
  // `.data` anywhere in the tree (the default data dir is <repo>/.data), and a data dir named by
  // ASKPRO_DATA_DIR inside the web app itself, where only the data-dir rule can refuse it.
  const scratch = mkdtempSync(join(repoRoot, "vite-probe-"));
  const dotData = join(scratch, ".data");
  const dataDir = mkdtempSync(join(webRoot, "askpro-data-"));
  const savedDataDir = process.env.ASKPRO_DATA_DIR;

  beforeAll(async () => {
    mkdirSync(join(dotData, "postgres"), { recursive: true });
    writeFileSync(join(dotData, "postgres.url"), "postgres://postgres:secret@127.0.0.1:5432/askpro\n");
    writeFileSync(join(dotData, "postgres", "PG_VERSION"), "18\n");
    writeFileSync(join(dataDir, "app-secret"), "not for the browser\n");
    process.env.ASKPRO_DATA_DIR = dataDir;
    server = await createServer({ configFile: join(webRoot, "vite.config.ts"), root: webRoot, logLevel: "silent", server: { port: 0, host: "127.0.0.1" } });
    await server.listen();
    const address = server.httpServer?.address();
    if (!address || typeof address === "string") throw new Error("Vite did not listen on a TCP port");
    base = `http://127.0.0.1:${address.port}`;
    // Chokidar walks the root in the background; wait until it has reached the sources.
    for (let waited = 0; !(join(webRoot, "src") in server.watcher.getWatched()) && waited < 10_000; waited += 50) {
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 30_000);

  afterAll(async () => {
    await server?.close();
    if (savedDataDir === undefined) delete process.env.ASKPRO_DATA_DIR;
    else process.env.ASKPRO_DATA_DIR = savedDataDir;
    rmSync(scratch, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

  it("serves the SPA and its sources", async () => {
    const index = await get("/");
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<div id="root"></div>');
    expect((await get("/src/main.tsx")).status).toBe(200);
    // Every module the SPA loads, followed from its entry as the browser does, the shared domain rules included.
    const seen = new Set<string>(["/src/main.tsx", "/@vite/client"]);
    const queue = [...seen];
    const failed: string[] = [];
    for (let path = queue.shift(); path !== undefined; path = queue.shift()) {
      const response = await get(path);
      if (response.status !== 200) failed.push(`${path}: ${response.status}`);
      for (const [, next] of (await response.text()).matchAll(/(?:from|import)\s*\(?\s*"(\/[^"]+)"/g)) {
        if (next && !seen.has(next)) seen.add(next) && queue.push(next);
      }
    }
    expect(failed).toEqual([]);
    expect([...seen]).toContain(`/@fs${repoRoot}/packages/domain/src/index.ts`);
    expect(seen.size).toBeGreaterThan(50);
  }, 60_000);

  it("refuses the database's files under .data through /@fs/", async () => {
    for (const file of [join(dotData, "postgres.url"), join(dotData, "postgres", "PG_VERSION")]) {
      const response = await get(`/@fs${file}`);
      expect([file, response.status]).toEqual([file, 403]);
      expect(await response.text()).not.toContain("secret");
    }
  });

  it("refuses the data dir named by ASKPRO_DATA_DIR, even inside the web app", async () => {
    const name = dataDir.slice(webRoot.length);
    for (const path of [`/@fs${dataDir}/app-secret`, `${name}/app-secret`, `${name}/app-secret?raw`, `${name}/app-secret?import`]) {
      const response = await get(path);
      expect([path, response.status]).toEqual([path, 403]);
    }
  });

  it("refuses files of the repository outside the web app", async () => {
    const viaWorkspaceLinks = ["node_modules/@askpro/db/src/index.ts", "node_modules/@askpro/api/src/env.ts", "node_modules/@askpro/domain/package.json"];
    for (const file of ["package.json", "packages/db/src/index.ts", "apps/api/src/env.ts", "scripts/stack.ts", ...viaWorkspaceLinks]) {
      const response = await get(`/@fs${join(repoRoot, file)}`);
      expect([file, response.status]).toEqual([file, 403]);
    }
  });

  it("does not watch the data dirs (a database write must not reload the admin's page)", () => {
    const watched = Object.keys(server.watcher.getWatched());
    expect(watched.filter((dir) => dir.startsWith(dataDir) || dir.includes("/.data"))).toEqual([]);
  });

  it("grants no other origin a cross-origin read", async () => {
    for (const origin of ["http://localhost:4000", "http://127.0.0.1:8080", "https://evil.example"]) {
      const response = await get("/src/main.tsx", { Origin: origin });
      expect([origin, response.headers.get("access-control-allow-origin")]).toEqual([origin, null]);
    }
  });
});
