import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { type Browser, chromium } from "playwright-core";
import { build } from "vite";
import { ApiClient } from "../lab/api-client";
import { ADMIN_EMAIL, CATALOGUE_SIZE } from "../lab/catalogue";
import { REPO_ROOT, startApi } from "../lab/processes";
import { packageOf } from "../lab/profile";
import type { Bench, BenchContext, Figure } from "../report/result";
import { distribution } from "../report/stats";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const NAVIGATIONS = 10;

interface Arrivals {
  script: number;
  me: number;
  list: number;
}
const SIZE_TARGET_KB = 200;
const PAINT_TARGET_MS = 1_000;
/** The second demo company: a handful of services. */
const SMALL_COMPANY_ADMIN = "admin@praxis-nord.test";
const ROW = ".service-table tbody tr";
/**
 * Runs in the page before its own scripts. A string, not a function: tsx compiles this file with
 * esbuild's keepNames, whose __name() helper does not exist in the page.
 */
const PAINT_PROBE = `(() => {
  const observer = new MutationObserver(() => {
    if (!document.querySelector(${JSON.stringify(ROW)})) return;
    observer.disconnect();
    requestAnimationFrame(() => requestAnimationFrame(() => { window.__listPaintedAt = performance.now(); }));
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

/** gzip at zlib's default level 6, what a compressing server or CDN typically sends; in kB (1,000 bytes, as Vite reports). */
function gzipKB(bytes: Buffer): number {
  return gzipSync(bytes, { level: 6 }).length / 1000;
}

async function buildApp(root: string, outDir: string): Promise<void> {
  await build({ root, configFile: false, logLevel: "warn", build: { outDir, emptyOutDir: true } });
}

/** Builds the SPA and returns the bytes of code each package put into the bundle, before minification. */
async function buildWeb(outDir: string): Promise<Map<string, number>> {
  const root = join(REPO_ROOT, "apps/web");
  const output = await build({ root, configFile: join(root, "vite.config.ts"), logLevel: "warn", build: { outDir, emptyOutDir: true } });
  const bundles = (Array.isArray(output) ? output : [output]) as Array<{ output: Array<{ type: string; modules?: Record<string, { renderedLength: number }> }> }>;
  const byPackage = new Map<string, number>();
  for (const chunk of bundles.flatMap((bundle) => bundle.output)) {
    if (chunk.type !== "chunk") continue;
    for (const [id, module] of Object.entries(chunk.modules ?? {})) {
      const name = id.startsWith("\0") ? "(bundler helpers)" : packageOf(id, id);
      byPackage.set(name, (byPackage.get(name) ?? 0) + module.renderedLength);
    }
  }
  return byPackage;
}

function jsFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".js"))
    .map((file) => join(dir, file))
    .filter((path) => statSync(path).isFile());
}

/**
 * Opens /services signed in, and returns ms from navigation start to the frame after the first
 * service row was put into the page (two animation frames: the row has been painted), and the
 * scripts the page loaded.
 */
async function timeToList(browser: Browser, url: string, cookie: string, fresh: boolean, reuse?: Awaited<ReturnType<Browser["newContext"]>>) {
  const context = reuse && !fresh ? reuse : await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const [name, value] = cookie.split("=") as [string, string];
  await context.addCookies([{ name, value, url }]);
  const page = await context.newPage();
  await page.addInitScript(PAINT_PROBE);
  const scripts: string[] = [];
  const encodings: string[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    scripts.push(response.url());
    encodings.push(response.headers()["content-encoding"] ?? "none");
  });
  await page.goto(`${url}/services`);
  try {
    await page.waitForFunction(() => "__listPaintedAt" in window, undefined, { timeout: 30_000 });
  } catch (error) {
    const text = ((await page.locator("body").textContent().catch(() => "")) ?? "").slice(0, 300);
    throw new Error(`the list did not appear at ${page.url()}: ${text}`, { cause: error });
  }
  const paintedAt = (await page.evaluate("window.__listPaintedAt")) as number;
  // When the script, the session check and the list had arrived (ms after navigation start).
  const arrivals = (await page.evaluate(`(() => {
    const ends = (test) => performance.getEntriesByType("resource").filter((entry) => test(entry.name)).map((entry) => entry.responseEnd);
    const end = (part) => ends((name) => name.includes(part))[0] ?? NaN;
    // The first route may be several chunks: the last one to arrive.
    const scripts = ends((name) => name.includes("/assets/") && name.endsWith(".js"));
    return { script: scripts.length > 0 ? Math.max(...scripts) : NaN, me: end("auth.me"), list: end("service.list") };
  })()`)) as Arrivals;
  const rows = await page.locator(ROW).count();
  await page.close();
  if (fresh) await context.close();
  return { paintedAt, arrivals, scripts, encodings, rows, context };
}

async function measurePaints(context: BenchContext, browser: Browser, apiUrl: string, email: string, count: number) {
  const client = await ApiClient.signedIn(apiUrl, email);
  const cold: number[] = [];
  const warm: number[] = [];
  const coldArrivals: Arrivals[] = [];
  let scripts: string[] = [];
  let encodings: string[] = [];
  let rows = 0;
  for (let i = 0; i < count; i++) {
    const first = await timeToList(browser, apiUrl, client.cookie, true);
    cold.push(first.paintedAt);
    coldArrivals.push(first.arrivals);
    scripts = first.scripts;
    encodings = first.encodings;
    rows = first.rows;
  }
  // Warm: one context keeps its HTTP cache (the assets are immutable); every navigation but the first counts.
  const shared = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    for (let i = 0; i <= count; i++) {
      const visit = await timeToList(browser, apiUrl, client.cookie, false, shared);
      if (i > 0) warm.push(visit.paintedAt);
    }
  } finally {
    await shared.close();
  }
  context.log(`spa: ${email}: cold p50 ${distribution(cold).p50.toFixed(0)} ms, warm p50 ${distribution(warm).p50.toFixed(0)} ms`);
  const median = (part: keyof Arrivals) => distribution(coldArrivals.map((arrival) => arrival[part])).p50;
  return { cold: distribution(cold), warm: distribution(warm), scripts, encodings, rows, arrivals: { script: median("script"), me: median("me"), list: median("list") } };
}

export const spaBench: Bench = {
  id: "spa",
  title: "SPA: first-route JavaScript and time to the services list",
  async run(context) {
    const started = Date.now();
    const navigations = context.quick ? 3 : NAVIGATIONS;
    const webDist = join(context.workDir, "web-dist");
    const floorDist = join(context.workDir, "react-floor-dist");
    context.log("spa: building apps/web and the bare React app with Vite");
    // Vite sets NODE_ENV=production in this process; nothing after it here should see that.
    const nodeEnv = process.env.NODE_ENV;
    const composition = await buildWeb(webDist);
    await buildApp(join(REPO_ROOT, "bench/fixtures/react-floor"), floorDist);
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;

    const databaseUrl = await context.db.fresh("bench_spa");
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
    try {
      const api = await startApi({ databaseUrl, workDir: context.workDir, webDist });
      let big: Awaited<ReturnType<typeof measurePaints>>;
      let small: Awaited<ReturnType<typeof measurePaints>>;
      try {
        context.log(`spa: ${navigations} cold and ${navigations} warm navigations per company`);
        big = await measurePaints(context, browser, api.url, ADMIN_EMAIL, navigations);
        small = await measurePaints(context, browser, api.url, SMALL_COMPANY_ADMIN, navigations);
      } finally {
        await api.stop();
      }

      const loaded = big.scripts.map((url) => join(webDist, new URL(url).pathname));
      const firstRouteRaw = loaded.map((path) => readFileSync(path));
      const firstRouteGzip = firstRouteRaw.reduce((sum, bytes) => sum + gzipKB(bytes), 0);
      const firstRouteRawKB = firstRouteRaw.reduce((sum, bytes) => sum + bytes.length, 0) / 1000;
      const allJs = jsFiles(webDist);
      const compressed = big.encodings.some((encoding) => encoding !== "none");
      const floorGzip = jsFiles(floorDist).reduce((sum, path) => sum + gzipKB(readFileSync(path)), 0);

      const figures: Figure[] = [
        { label: "JavaScript of the first route (gzip)", value: firstRouteGzip, unit: "kB", baseline: floorGzip, target: { op: "<=", value: SIZE_TARGET_KB } },
        { label: `navigation to list painted, ${CATALOGUE_SIZE + 4} services, cold cache: p50`, value: big.cold.p50, unit: "ms", baseline: small.cold.p50 },
        { label: `navigation to list painted, ${CATALOGUE_SIZE + 4} services, cold cache: p95`, value: big.cold.p95, unit: "ms", baseline: small.cold.p95, target: { op: "<=", value: PAINT_TARGET_MS } },
        { label: `navigation to list painted, ${CATALOGUE_SIZE + 4} services, warm cache: p50`, value: big.warm.p50, unit: "ms", baseline: small.warm.p50 },
        { label: `navigation to list painted, ${CATALOGUE_SIZE + 4} services, warm cache: p95`, value: big.warm.p95, unit: "ms", baseline: small.warm.p95, target: { op: "<=", value: PAINT_TARGET_MS } },
      ];
      return {
        id: "spa",
        title: spaBench.title,
        method: [
          "apps/web built with its own Vite config (production build) and served by apps/api (WEB_DIST), as `npm start` does.",
          `First route = the scripts Chromium loaded to show /services (${loaded.length} file${loaded.length === 1 ? "" : "s"}; the build has ${allJs.length} JavaScript file${allJs.length === 1 ? "" : "s"} in all); gzip at zlib level 6. Uncompressed: ${firstRouteRawKB.toFixed(0)} kB.`,
          `Headless Chromium (${CHROMIUM}, ${CHROMIUM_FLAGS.join(" ")}), 1280x800, signed in by cookie, opens /services: time from navigation start to two animation frames after the first row of the list entered the page. Cold: a new browser context each time (empty cache); warm: one context, cached assets. ${navigations} navigations each.`,
        ],
        baseline: `for the size, the smallest React 19 app built by the same Vite (bench/fixtures/react-floor: react-dom rendering one element); for the paint, the same navigations for the second demo company (${small.rows} services on its page).`,
        figures,
        notes: [
          ...(firstRouteGzip > SIZE_TARGET_KB
            ? [
                `Over the size target: the build is ${allJs.length === 1 ? "a single chunk, so every route's code loads for the first one" : `${allJs.length} chunks`}. The biggest parts (share of the bundled code before minification, table below): ${topPackages(composition, 4)}. What would move it: load the routes other than the list lazily (React.lazy or react-router's lazy routes: the create/edit forms with react-hook-form and its resolvers, the sync dialog, the view page), which Vite turns into separate chunks, and load only the active language's translations.`,
              ]
            : []),
          ...(big.cold.p95 > PAINT_TARGET_MS || big.warm.p95 > PAINT_TARGET_MS
            ? [
                `Over the paint target: the list waits for the script (${big.arrivals.script.toFixed(0)} ms), then for auth.me, and only then asks for the list. What would move it: start service.list together with auth.me (prefetch the route's query while the session is checked)${firstRouteGzip > SIZE_TARGET_KB ? ", make the first-route script smaller (above)" : ""}${compressed ? "" : ", and compress it"}.`,
              ]
            : []),
          `Where the time went (cold, p50 after navigation start, ${CATALOGUE_SIZE + 4} services): script loaded ${big.arrivals.script.toFixed(0)} ms, auth.me answered ${big.arrivals.me.toFixed(0)} ms, service.list answered ${big.arrivals.list.toFixed(0)} ms, list painted ${big.cold.p50.toFixed(0)} ms. The list is asked for only once auth.me has answered (RequireAuth renders the page after the session check), so the two requests run one after the other.`,
          compressed
            ? `Content-Encoding of the first route's scripts as Chromium received them: ${countEach(big.encodings)} (a compressor leaves out answers under its threshold, 1 kB for the compression middleware).`
            : `The api serves the built assets without compression: over the wire the first route is ${firstRouteRawKB.toFixed(0)} kB unless a proxy or CDN in front compresses it.`,
          `The list page shows ${big.rows} rows (page size of the SPA) whichever the company size.`,
        ],
        appendix: renderComposition(composition),
        durationMs: Date.now() - started,
      };
    } finally {
      await browser.close();
      await context.db.drop("bench_spa");
    }
  },
};

function renderComposition(byPackage: Map<string, number>): string[] {
  const total = [...byPackage.values()].reduce((sum, bytes) => sum + bytes, 0);
  const ranked = [...byPackage.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12);
  return [
    `**What the bundle is made of** (bytes of code by package as bundled, before minification and gzip; ${(total / 1000).toFixed(0)} kB in all)`,
    "",
    "| Package | Bundled code | Share |",
    "| --- | --- | --- |",
    ...ranked.map(([name, bytes]) => `| \`${name}\` | ${(bytes / 1000).toFixed(1)} kB | ${((bytes / total) * 100).toFixed(1)}% |`),
    "",
  ];
}

function topPackages(byPackage: Map<string, number>, count: number): string {
  const total = [...byPackage.values()].reduce((sum, bytes) => sum + bytes, 0);
  return [...byPackage.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, bytes]) => `${name} ${((bytes / total) * 100).toFixed(0)}%`)
    .join(", ");
}

/** "br (1 file), none (1 file)" */
function countEach(values: string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].map(([value, count]) => `${value} (${count} file${count === 1 ? "" : "s"})`).join(", ");
}
