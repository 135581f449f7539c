export type { EndpointMatcher, SandboxFault } from "./faults";
export { DEFAULT_FIXTURE_PATH, loadFixture, type SandboxFixture } from "./fixture";
export { DEFAULT_RATE_LIMIT, type RateLimitOptions } from "./rate-limiter";
export { type CalcomSandbox, type CalcomSandboxOptions, type EventTypeQuery, type SandboxRequest, startCalcomSandbox } from "./server";
