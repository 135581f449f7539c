import { WORKER_HEARTBEAT_MAX_AGE_S as HEARTBEAT_MAX_AGE_S } from "@askpro/domain";
import { type Check, fail, pass } from "../check";

const UNDEFINED_TABLE = "42P01";

interface Beat {
  worker_id: string;
  age_s: number;
  uptime_s: number;
}

export const workerHeartbeatCheck: Check = {
  id: "worker",
  title: `Worker heartbeat newer than ${HEARTBEAT_MAX_AGE_S} s`,
  needs: ["database"],
  async run(ctx) {
    let beats: Beat[];
    try {
      // Ages from the database's clock, which every worker's beat used too.
      beats = await (await ctx.orm()).em.getConnection().execute<Beat[]>(
        `SELECT worker_id, extract(epoch FROM now() - beat_at)::float8 AS age_s, extract(epoch FROM now() - started_at)::float8 AS uptime_s
         FROM worker_heartbeats ORDER BY beat_at DESC`,
      );
    } catch (error) {
      if ((error as { code?: string }).code !== UNDEFINED_TABLE) throw error;
      return fail("the database has no worker_heartbeats table", "apply the migrations: npm run db:migrate");
    }
    const alive = beats.filter((beat) => beat.age_s < HEARTBEAT_MAX_AGE_S);
    const data = { alive: alive.length, newestAgeSeconds: beats[0] ? Math.round(beats[0].age_s) : null };
    if (alive.length === 0) {
      const newest = beats[0];
      const detail = newest
        ? `no worker alive: the newest heartbeat (${newest.worker_id}) is ${Math.round(newest.age_s)} s old`
        : "no worker has written a heartbeat";
      // Syncs are still accepted and queued, so nothing else fails: this check is the one that says so.
      return fail(`${detail}; requested syncs wait until a worker runs`, "start the worker: npm start / npm run dev (with the same DATABASE_URL)", data);
    }
    const list = alive.map((beat) => `${beat.worker_id} (beat ${Math.round(beat.age_s)} s ago, up ${formatDuration(beat.uptime_s)})`);
    return pass(`${alive.length} alive: ${list.join(", ")}`, data);
  },
};

function formatDuration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7_200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3_600)} h`;
}
