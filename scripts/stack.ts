/**
 * Brings the whole product up from one command.
 *   dev   - `npm run dev`: embedded PostgreSQL (unless DATABASE_URL), migrations, demo data,
 *           Cal.com sandbox (unless CALCOM_API_KEY), api + worker restarted on a source change or a
 *           crash (with backoff), Vite.
 *   e2e   - `npm run stack:e2e`: the same on a throw-away data dir, with the built SPA served by the api.
 *   start - `npm start`: the production build (api serving the SPA, and the worker), no demo data.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { recordDatabaseUrl, startEmbeddedPostgres } from "@askpro/db";
import { Children, describeExit, run, waitForHttp } from "./lib/children.ts";
import { SERVICE_NODE_FLAGS } from "./lib/node-flags.ts";

type Mode = "dev" | "e2e" | "start";
const mode = (process.argv[2] ?? "dev") as Mode;
if (!["dev", "e2e", "start"].includes(mode)) {
  console.error(`Unknown mode "${mode}": use dev, e2e or start`);
  process.exit(2);
}

const root = resolve(import.meta.dirname, "..");
const bin = (name: string) => join(root, "node_modules/.bin", name);
const SANDBOX_DEMO_KEY = "cal_test_askpro_demo";

const ports = {
  api: Number(process.env.PORT ?? (mode === "e2e" ? 4310 : 3000)),
  web: Number(process.env.WEB_PORT ?? 5173),
  sandbox: Number(process.env.CALCOM_SANDBOX_PORT ?? (mode === "e2e" ? 4311 : 5555)),
};

const dataDir = mode === "e2e" ? mkdtempSync(join(tmpdir(), "askpro-e2e-")) : (process.env.ASKPRO_DATA_DIR ?? join(root, ".data"));
const env: NodeJS.ProcessEnv = { ASKPRO_DATA_DIR: dataDir };
if (mode === "start") env.NODE_ENV = "production";

let stopDatabase: (() => Promise<void>) | undefined;
const children = new Children((name, code, signal) => {
  console.error(`${name} exited unexpectedly (${describeExit(code, signal)}); stopping everything.`);
  void shutdown(1);
});

// A signal may arrive twice (to the process group and relayed by npm): every caller waits for the one shutdown.
let stopping: Promise<void> | undefined;
async function shutdown(code: number): Promise<never> {
  stopping ??= (async () => {
    try {
      await children.stopAll();
      // When the whole process group got the signal, PostgreSQL may already be stopping on its own.
      await stopDatabase?.().catch((error: unknown) => console.error(`Stopping PostgreSQL: ${String(error)}`));
    } finally {
      if (mode === "e2e") rmSync(dataDir, { recursive: true, force: true });
    }
  })();
  await stopping;
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

async function main(): Promise<void> {
  if (process.env.DATABASE_URL) {
    env.DATABASE_URL = process.env.DATABASE_URL;
    console.log("Database: DATABASE_URL");
  } else {
    const db = await startEmbeddedPostgres({ dataDir: join(dataDir, "postgres") });
    stopDatabase = db.stop;
    recordDatabaseUrl(dataDir, db.url);
    env.DATABASE_URL = db.url;
    console.log(`Database: embedded PostgreSQL, data in ${join(dataDir, "postgres")}`);
  }

  await run("npm", ["run", "migrate", "-w", "@askpro/db"], { cwd: root, env });
  if (mode !== "start") await run("npm", ["run", "seed", "-w", "@askpro/db"], { cwd: root, env });

  if (process.env.CALCOM_API_KEY) {
    console.log(`Cal.com: ${process.env.CALCOM_API_URL ?? "https://api.cal.com"} with CALCOM_API_KEY`);
  } else if (mode === "start") {
    console.error("CALCOM_API_KEY is unset: the production start needs a Cal.com API key (and CALCOM_API_URL for a sandbox).");
    await shutdown(1);
  } else {
    children.start({
      name: "calcom-sandbox",
      command: bin("tsx"),
      args: ["packages/calcom/src/sandbox/main.ts"],
      cwd: root,
      env: { CALCOM_SANDBOX_PORT: String(ports.sandbox) },
    });
    env.CALCOM_API_URL = `http://127.0.0.1:${ports.sandbox}`;
    env.CALCOM_API_KEY = SANDBOX_DEMO_KEY;
    await waitForHttp(`${env.CALCOM_API_URL}/v2/me`, 30_000, true);
    console.log(`Cal.com: no CALCOM_API_KEY set, so the Cal.com sandbox runs at ${env.CALCOM_API_URL} with the demo event types`);
  }

  if (mode === "dev") {
    // Not `tsx watch`: it outlives its program, so a crashed worker would sit there unnoticed. The app runs
    // as one node process (its pid is the one in worker_heartbeats), restarted by Children on a crash
    // (with backoff, saying so) and on a change to its sources.
    const sources = (app: string) => [join(root, app, "src"), ...readdirSync(join(root, "packages")).map((pkg) => join(root, "packages", pkg, "src"))];
    const tsNode = (entry: string) => ["--import", "tsx", entry];
    children.start({ name: "api", command: process.execPath, args: tsNode("apps/api/src/main.ts"), cwd: root, env: { ...env, PORT: String(ports.api) }, restart: { watch: sources("apps/api") } });
    children.start({ name: "worker", command: process.execPath, args: tsNode("apps/worker/src/main.ts"), cwd: root, env, restart: { watch: sources("apps/worker") } });
    children.start({
      name: "web",
      command: bin("vite"),
      args: ["--port", String(ports.web), "--strictPort", "--host", "127.0.0.1"],
      cwd: join(root, "apps/web"),
      env: { API_URL: `http://127.0.0.1:${ports.api}` },
      // Vite reloads its own config and sources; a crash is restarted all the same.
      restart: { watch: [] },
    });
  } else {
    if (mode === "e2e") await run("npm", ["run", "build", "-w", "@askpro/web"], { cwd: root });
    const webDist = join(root, "apps/web/dist");
    const apiEntry = mode === "start" ? [...SERVICE_NODE_FLAGS, "apps/api/dist/main.js"] : ["apps/api/src/main.ts"];
    const workerEntry = mode === "start" ? [...SERVICE_NODE_FLAGS, "apps/worker/dist/main.js"] : ["apps/worker/src/main.ts"];
    const runner = mode === "start" ? process.execPath : bin("tsx");
    children.start({ name: "api", command: runner, args: apiEntry, cwd: root, env: { ...env, PORT: String(ports.api), WEB_DIST: webDist } });
    children.start({ name: "worker", command: runner, args: workerEntry, cwd: root, env });
  }

  await waitForHttp(`http://127.0.0.1:${ports.api}/readyz`, 60_000);
  const url = mode === "dev" ? `http://127.0.0.1:${ports.web}` : `http://127.0.0.1:${ports.api}`;
  if (mode === "dev") await waitForHttp(url, 60_000);
  console.log(`\nAskPro Gateway is running at ${url}`);
  if (mode !== "start") {
    console.log("Demo logins (password askpro-demo): admin@askpro.test (admin), viewer@askpro.test (viewer), admin@praxis-nord.test (second company), operator@askpro.test (platform operator)");
  }
  console.log("Press Ctrl+C to stop.\n");
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
});
