import { listWorkerBeatAges, type WorkerBeatAge } from "@askpro/db";
import { WORKER_HEARTBEAT_MAX_AGE_S as HEARTBEAT_MAX_AGE_S } from "@askpro/domain";
import { type Check, fail, pass } from "../check";

const UNDEFINED_TABLE = "42P01";

export const workerHeartbeatCheck: Check = {
  id: "worker",
  title: `Worker heartbeat newer than ${HEARTBEAT_MAX_AGE_S} s`,
  needs: ["database"],
  async run(ctx) {
    let beats: WorkerBeatAge[];
    try {
      beats = await listWorkerBeatAges((await ctx.orm()).em.fork());
    } catch (error) {
      if ((error as { code?: string }).code !== UNDEFINED_TABLE) throw error;
      return fail("the database has no worker_heartbeats table", "apply the migrations: npm run db:migrate");
    }
    const alive = beats.filter((beat) => beat.ageS < HEARTBEAT_MAX_AGE_S);
    const data = { alive: alive.length, newestAgeSeconds: beats[0] ? Math.round(beats[0].ageS) : null, metricsUrls: alive.flatMap((beat) => (beat.metricsUrl ? [beat.metricsUrl] : [])) };
    if (alive.length === 0) {
      const newest = beats[0];
      const detail = newest
        ? `no worker alive: the newest heartbeat (${newest.workerId}) is ${Math.round(newest.ageS)} s old`
        : "no worker has written a heartbeat";
      // Syncs are still accepted and queued, so nothing else fails: this check is the one that says so.
      return fail(`${detail}; requested syncs wait until a worker runs`, "start the worker: npm start / npm run dev (with the same DATABASE_URL)", data);
    }
    const list = alive.map(
      (beat) => `${beat.workerId} (beat ${Math.round(beat.ageS)} s ago, up ${formatDuration(beat.uptimeS)}${beat.metricsUrl ? `, metrics ${beat.metricsUrl}` : ""})`,
    );
    return pass(`${alive.length} alive: ${list.join(", ")}`, data);
  },
};

function formatDuration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7_200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3_600)} h`;
}
