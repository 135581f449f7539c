import pg from "pg";
import { nowMs, sleep } from "./time";

interface Waiter {
  resolve(at: number): void;
  reject(error: Error): void;
  deadline: number;
}

/**
 * When services show `synced`, for many clicks waiting at once: one query per poll for all of them.
 * A poll loop per click would load PostgreSQL in proportion to the clicks waiting (dozens, when a
 * bulk run holds them up) and slow down what is being measured.
 */
export class SyncedWatcher {
  private readonly waiting = new Map<string, Waiter>();
  private polling = false;

  private constructor(
    private readonly client: pg.Client,
    private readonly pollMs: number,
  ) {}

  static async open(databaseUrl: string, pollMs: number): Promise<SyncedWatcher> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return new SyncedWatcher(client, pollMs);
  }

  /**
   * Resolves with the time (nowMs) of the first poll that found the service `synced`; rejects when it
   * shows `error` or timeoutMs passes. Call it once the request was claimed (the service is pending):
   * before that, a service synced earlier would count as synced at once.
   */
  synced(serviceId: string, timeoutMs: number): Promise<number> {
    if (this.waiting.has(serviceId)) throw new Error(`service ${serviceId} is already being watched`);
    const settled = new Promise<number>((resolve, reject) => this.waiting.set(serviceId, { resolve, reject, deadline: nowMs() + timeoutMs }));
    if (!this.polling) {
      this.polling = true;
      void this.poll();
    }
    return settled;
  }

  private async poll(): Promise<void> {
    try {
      while (this.waiting.size > 0) {
        const { rows } = await this.client.query<{ id: string; sync_status: string; sync_error: string | null }>(
          "SELECT id, sync_status, sync_error FROM services WHERE id = ANY($1)",
          [[...this.waiting.keys()]],
        );
        const at = nowMs();
        for (const row of rows) {
          const waiter = this.waiting.get(row.id);
          if (!waiter || (row.sync_status !== "synced" && row.sync_status !== "error")) continue;
          this.waiting.delete(row.id);
          if (row.sync_status === "synced") waiter.resolve(at);
          else waiter.reject(new Error(`sync of ${row.id} failed: ${row.sync_error}`));
        }
        for (const [id, waiter] of this.waiting) {
          if (at <= waiter.deadline) continue;
          this.waiting.delete(id);
          waiter.reject(new Error(`service ${id} not synced in time`));
        }
        await sleep(this.pollMs);
      }
    } catch (error) {
      for (const waiter of this.waiting.values()) waiter.reject(error instanceof Error ? error : new Error(String(error)));
      this.waiting.clear();
    } finally {
      this.polling = false;
    }
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
