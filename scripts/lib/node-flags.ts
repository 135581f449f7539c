/**
 * V8 flags the api and the worker run with in production: `npm start`, the apps' own `start` scripts
 * (which repeat them, as package.json cannot import) and the benchmarks' "as shipped" processes.
 *
 * Both processes keep about 40 MiB of live objects but allocate fast per request. With V8's default
 * young generation the committed heap grew to 170-320 MiB and RSS kept climbing for thousands of
 * syncs (65-80% after warm-up over 10,000 syncs). Capped at 4 MiB per semi-space it stays near
 * 65 MiB and RSS levels off (6-14%), for more frequent scavenges: garbage collection took about 11%
 * of the api's CPU under load instead of 6%, and 2 MiB cost twice that again (docs/performance.md).
 */
export const SERVICE_NODE_FLAGS = ["--max-semi-space-size=4"];
