import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  /** Sampled time, idle excluded, in ms. */
  busyMs: number;
  /**
   * Self time by package, share of busy time, largest first. Time in Node's internals and native
   * code (socket and file writes, crypto) is charged to the package that called into it, so that
   * `pg` includes its socket writes and `pino` its log writes.
   */
  byPackage: Array<{ name: string; share: number }>;
  /** Self time by function, largest first. */
  byFunction: Array<{ name: string; share: number }>;
}

/** Where `url` belongs: an npm package, a workspace package, Node itself. */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node internals";
  const bundle = /\/bench\/dist\/([^/]+)\//.exec(url);
  if (bundle) return `${bundle[1]} bundle (our code)`;
  // The innermost package: a dependency's own copy of another (MikroORM's pg) is that other package.
  const dependency = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency) return dependency[1] as string;
  const workspace = /\/(apps|packages|bench)\/([^/]+)\//.exec(url);
  if (workspace) return `@askpro/${workspace[1] === "bench" ? "bench" : workspace[2]}`;
  return url;
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\//, "").replace(/^.*node_modules\//, "").replace(/^.*\/(apps|packages|bench)\//, "$1/");
}

/** Self time of a V8 .cpuprofile, grouped by package and by function; samples in the first skipMs (start-up) are left out. */
export function summariseProfile(path: string, skipMs = 0, top = 10): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, "utf8")) as CpuProfile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfTime = new Map<number, number>();
  let elapsedMs = 0;
  profile.samples.forEach((id, index) => {
    const deltaMs = (profile.timeDeltas[index] ?? 0) / 1000;
    elapsedMs += deltaMs;
    if (elapsedMs >= skipMs) selfTime.set(id, (selfTime.get(id) ?? 0) + deltaMs);
  });
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const packageOfNode = (node: ProfileNode) => packageOf(node.callFrame.url, node.callFrame.functionName);
  const chargedPackage = (node: ProfileNode): string => {
    const own = packageOfNode(node);
    if (own !== "(native)" && own !== "node internals") return own;
    for (let parent = parents.get(node.id); parent !== undefined; parent = parents.get(parent)) {
      const caller = nodes.get(parent);
      if (!caller) break;
      const name = packageOfNode(caller);
      if (name !== "(native)" && name !== "node internals" && name !== "(root)") return name;
    }
    return own;
  };
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busyMs = 0;
  for (const [id, ms] of selfTime) {
    const node = nodes.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === "(idle)") continue;
    busyMs += ms;
    const pkg = chargedPackage(node);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
    const fn = url ? `${functionName || "(anonymous)"} ${shortUrl(url)}:${lineNumber + 1}` : functionName;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
  }
  const ranked = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ name, share: ms / busyMs }));
  return { busyMs, byPackage: ranked(byPackage), byFunction: ranked(byFunction) };
}

/** A markdown block for the report. */
export function renderProfile(title: string, summary: ProfileSummary): string[] {
  const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
  return [
    `**${title}** (${(summary.busyMs / 1000).toFixed(1)} s of CPU sampled; self time, idle excluded; by package, time in Node's internals and native code is charged to the package that called it)`,
    "",
    "| Package | Self time | | Function | Self time |",
    "| --- | --- | --- | --- | --- |",
    ...Array.from({ length: Math.max(summary.byPackage.length, summary.byFunction.length) }, (_, index) => {
      const pkg = summary.byPackage[index];
      const fn = summary.byFunction[index];
      return `| ${pkg ? `\`${pkg.name}\`` : ""} | ${pkg ? percent(pkg.share) : ""} | | ${fn ? `\`${fn.name.replaceAll("|", "\\|")}\`` : ""} | ${fn ? percent(fn.share) : ""} |`;
    }),
    "",
  ];
}
