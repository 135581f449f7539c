import { PostgresNotificationChannel } from "@agendajs/postgres-backend";
import { BaseNotificationChannel, type JobNotification, type NotificationChannelState } from "agenda";
import pg from "pg";
import { oneFillAtATime } from "./agenda-workarounds";

/** The LISTEN/NOTIFY channel on the application database that carries job wake-ups. */
export const WAKE_UP_CHANNEL = "askpro_jobs";

/**
 * Job wake-ups over PostgreSQL LISTEN/NOTIFY on the application database, whichever store holds
 * the jobs. The jobs package's one pool of its own (the job store's belongs to the backend): the
 * LISTEN connection and the NOTIFYs, with an error listener so that an idle connection's error (a
 * restarted database) is reported instead of ending the process.
 *
 * A NotificationChannel of Agenda's public interface, wrapping @agendajs/postgres-backend's:
 * - without publishState: Agenda would otherwise publish every job's start, success and completion
 *   (three NOTIFYs per sync, each waking every listener) for remote events nothing here listens to;
 * - connect() is idempotent: the api connects to publish, and Agenda.start() connects again in
 *   the worker, which on the wrapped channel would open a second LISTEN connection;
 * - wakeUpHere() hands a wake-up to this process's Agenda only, and wake-ups reach Agenda one fill
 *   at a time (both in agenda-workarounds).
 */
export class WakeUpChannel extends BaseNotificationChannel {
  readonly #pool: pg.Pool;
  readonly #postgres: PostgresNotificationChannel;
  #connecting: Promise<void> | undefined;
  #disconnecting: Promise<void> | undefined;
  readonly #deliver: (notification: JobNotification) => Promise<void>;

  constructor(databaseUrl: string, options: { oneFillAtATime: boolean }) {
    super({ channelName: WAKE_UP_CHANNEL });
    const deliver = (notification: JobNotification) => this.notifyHandlers(notification);
    this.#deliver = options.oneFillAtATime ? oneFillAtATime(deliver) : deliver;
    this.#pool = new pg.Pool({ connectionString: databaseUrl, max: 3, application_name: "askpro-jobs-wake-ups" });
    this.#pool.on("error", (error: Error) => this.emit("error", error));
    this.#postgres = new PostgresNotificationChannel({ pool: this.#pool, channelName: WAKE_UP_CHANNEL, reconnect: { enabled: true } });
    this.#postgres.on("stateChange", (state: NotificationChannelState) => this.setState(state));
    this.#postgres.on("error", (error: Error) => this.emit("error", error));
  }

  connect(): Promise<void> {
    if (this.#disconnecting) return Promise.reject(new Error("The wake-up channel is closed"));
    this.#connecting ??= this.#listen().catch((error: unknown) => {
      this.#connecting = undefined;
      throw error;
    });
    return this.#connecting;
  }

  async #listen(): Promise<void> {
    // Subscribed on each connect: the wrapped channel forgets its subscribers when disconnected.
    const unsubscribe = this.#postgres.subscribe(this.#deliver);
    try {
      await this.#postgres.connect();
    } catch (error) {
      unsubscribe();
      throw error;
    }
  }

  /**
   * Closes the channel for good. Agenda.stop() disconnects a started channel, and Jobs.stop() any
   * channel: the second call waits for the first.
   */
  disconnect(): Promise<void> {
    const connecting = this.#connecting;
    this.#connecting = undefined;
    this.#disconnecting ??= (async () => {
      await connecting?.catch(() => undefined);
      await this.#postgres.disconnect();
      await this.#pool.end();
    })();
    return this.#disconnecting;
  }

  publish(notification: JobNotification): Promise<void> {
    return this.#postgres.publish(notification);
  }

  wakeUpHere(notification: JobNotification): Promise<void> {
    return this.#deliver(notification);
  }
}
