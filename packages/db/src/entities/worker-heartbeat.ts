import { defineEntity, p } from "@mikro-orm/core";

/** One row per running worker, refreshed every few seconds; `npm run verify` reads how fresh it is. */
const WorkerHeartbeatSchema = defineEntity({
  name: "WorkerHeartbeat",
  tableName: "worker_heartbeats",
  properties: {
    /** `hostname:pid` */
    workerId: p.text().primary(),
    beatAt: p.datetime(),
    startedAt: p.datetime(),
    hostname: p.text(),
    pid: p.integer(),
    /** Where the worker serves its Prometheus metrics (the port may be the next free one); null: not served. */
    metricsUrl: p.text().nullable(),
  },
});

export class WorkerHeartbeat extends WorkerHeartbeatSchema.class {}
WorkerHeartbeatSchema.setClass(WorkerHeartbeat);
export { WorkerHeartbeatSchema };
