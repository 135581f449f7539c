import { PostgresNotificationChannel } from "@agendajs/postgres-backend";
import type { JobNotification } from "agenda";
import type pg from "pg";

/** The LISTEN/NOTIFY channel on the application database that carries job wake-ups. */
export const WAKE_UP_CHANNEL = "askpro_jobs";

/**
 * Wake-ups over PostgreSQL NOTIFY. Every NOTIFY is delivered to every listening connection, so
 * only processes that run jobs listen: createJobs opens the channel for publishing, and
 * Agenda.start() (the worker) connects it, which starts listening, once however often it is called.
 */
export class WakeUpChannel extends PostgresNotificationChannel {
  readonly #pool: pg.Pool;
  #listening: Promise<void> | undefined;
  /** Per job name: the wake-up being handled, and the latest one that arrived meanwhile. */
  #handling = new Map<string, { next: JobNotification | undefined }>();

  constructor(config: { pool: pg.Pool; channelName: string }) {
    super(config);
    this.#pool = config.pool;
    // A lost listening connection is reconnected by the base class through connect(), which must then listen anew.
    this.on("stateChange", (state: string) => {
      if (state !== "connected") this.#listening = undefined;
    });
  }

  /** Ready to publish (checking that the database answers), without listening: what an enqueue-only process needs. */
  async open(): Promise<void> {
    await this.#pool.query("SELECT 1");
    if (this.state === "disconnected") this.setState("connected");
  }

  override connect(): Promise<void> {
    this.#listening ??= super.connect().catch((error: unknown) => {
      this.#listening = undefined;
      throw error;
    });
    return this.#listening;
  }

  override async disconnect(): Promise<void> {
    this.#listening = undefined;
    await super.disconnect();
  }

  /**
   * Agenda would publish every job's start, success and completion so that other processes can
   * re-emit them as "remote" events. Nothing here listens to those (the product reads outcomes from
   * the database), and each is a NOTIFY round trip that wakes every listening process: three per
   * sync. Wake-ups (publish) are unaffected.
   */
  override async publishState(): Promise<void> {}

  /**
   * The NOTIFY that publish() would send, as SQL to send in a transaction of one's own: PostgreSQL
   * delivers it at COMMIT. The payload is what PostgresNotificationChannel parses.
   */
  notifyStatement(notification: JobNotification): string {
    const payload = JSON.stringify({
      jobId: String(notification.jobId),
      jobName: notification.jobName,
      nextRunAt: notification.nextRunAt?.toISOString() ?? null,
      priority: notification.priority,
      timestamp: notification.timestamp.toISOString(),
      source: notification.source,
    });
    return `NOTIFY "${this.config.channelName}", '${payload.replaceAll("'", "''")}'`;
  }

  /** Hands a wake-up to this process's Agenda only, without a round trip through PostgreSQL. */
  wakeUpHere(notification: JobNotification): Promise<void> {
    return this.notifyHandlers(notification);
  }

  /**
   * Agenda answers each wake-up by locking jobs one statement at a time up to its lock limit, and
   * answers wake-ups that arrive together (a bulk of enqueues, finished jobs) with as many fills at
   * once: they lock past the limit and hand the extra jobs back, two wasted statements each. So
   * one wake-up per job name is handled at a time; those arriving meanwhile are folded into one
   * more fill afterwards, which sees every job they announced.
   */
  protected override async notifyHandlers(notification: JobNotification): Promise<void> {
    const handling = this.#handling.get(notification.jobName);
    if (handling) {
      handling.next = earlier(handling.next, notification);
      return;
    }
    const state: { next: JobNotification | undefined } = { next: undefined };
    this.#handling.set(notification.jobName, state);
    try {
      let current: JobNotification | undefined = notification;
      while (current) {
        await super.notifyHandlers(current);
        current = state.next;
        state.next = undefined;
      }
    } finally {
      this.#handling.delete(notification.jobName);
    }
  }
}

/** Agenda ignores a wake-up for a job due after its next poll, so the folded one keeps the earliest due time. */
function earlier(kept: JobNotification | undefined, arrived: JobNotification): JobNotification {
  if (!kept) return arrived;
  const due = (notification: JobNotification) => notification.nextRunAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  return due(arrived) < due(kept) ? arrived : kept;
}
