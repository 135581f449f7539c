export * from "./service";
export * from "./calcom-mapping";
