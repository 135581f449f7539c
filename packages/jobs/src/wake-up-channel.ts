import { PostgresNotificationChannel } from "@agendajs/postgres-backend";

/** The LISTEN/NOTIFY channel on the application database that carries job wake-ups. */
export const WAKE_UP_CHANNEL = "askpro_jobs";

/**
 * createJobs connects the channel so that an enqueue-only process (the api) can publish, and
 * Agenda.start() connects it again in the worker: a second connect must not open a second LISTEN.
 */
export class WakeUpChannel extends PostgresNotificationChannel {
  #connecting: Promise<void> | undefined;

  override connect(): Promise<void> {
    if (this.state === "connected") return Promise.resolve();
    this.#connecting ??= super.connect().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }
}
