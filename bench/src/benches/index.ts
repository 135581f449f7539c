import type { Bench } from "../report/result";
import { apiLoadBench } from "./api-load";
import { bulkCatalogueBench } from "./bulk-catalogue";
import { bulkSyncBench } from "./bulk-sync";
import { clickToSyncedBench } from "./click-to-synced";
import { driftBench } from "./drift";
import { memoryBench } from "./memory";
import { pickupBench } from "./pickup";
import { signInFloodBench } from "./sign-in-flood";
import { spaBench } from "./spa";

/** In the order they run and appear in the report. */
export const benches: Bench[] = [pickupBench, clickToSyncedBench, bulkSyncBench, bulkCatalogueBench, driftBench, apiLoadBench, signInFloodBench, spaBench, memoryBench];
