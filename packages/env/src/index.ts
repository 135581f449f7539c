export { type ComposedEnv, composeEnv, describeIssue, EnvError, type PresetOptions, type RuntimeEnv } from "./compose-env";
export { LOG_LEVEL, NODE_ENV } from "./shared-env";
