export * from "./sync-status";
export * from "./service";
export * from "./calcom-mapping";
export * from "./calcom-api-key";
export * from "./worker-heartbeat";
export * from "./calcom-read-back";
export * from "./trpc-batch";
export * from "./calcom-to-service";
