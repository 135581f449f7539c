/**
 * V8 flags the api and the worker run with in production: `npm start`, the apps' own `start` scripts
 * (which repeat them, as package.json cannot import) and the benchmarks' "as shipped" processes.
 *
 * Both processes keep about 40 MiB of live objects but allocate fast per request. With V8's default
 * young generation (semi-spaces growing to 16-32 MiB) the heap grew to 300+ MiB committed and RSS
 * kept climbing for thousands of syncs (docs/performance.md, memory); capped at 2 MiB, scavenges are
 * more frequent but cheap, the committed heap stays near 65 MiB and RSS levels off after warm-up.
 */
export const SERVICE_NODE_FLAGS = ["--max-semi-space-size=2"];
