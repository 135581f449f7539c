import type { Check } from "../check";
import { calcomCheck } from "./calcom.check";
import { configurationCheck } from "./configuration.check";
import { databaseCheck } from "./database.check";
import { jobStoreCheck } from "./job-store.check";
import { migrationsCheck } from "./migrations.check";
import { syncColumnsCheck } from "./sync-columns.check";
import { syncSummaryCheck } from "./sync-summary.check";
import { testServiceCheck } from "./test-service.check";
import { workerHeartbeatCheck } from "./worker-heartbeat.check";

export { smokeCheck } from "./smoke.check";

/** In order: a check may need earlier ones (Check.needs). The smoke test runs last, and only with --smoke. */
export const CHECKS: readonly Check[] = [
  configurationCheck,
  databaseCheck,
  migrationsCheck,
  syncColumnsCheck,
  jobStoreCheck,
  workerHeartbeatCheck,
  calcomCheck,
  testServiceCheck,
  syncSummaryCheck,
];
