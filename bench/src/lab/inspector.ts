import type { ChildApp } from "./processes";
import { waitFor } from "./time";

/**
 * A DevTools protocol session with a child started with `--inspect=127.0.0.1:0`, for what RSS alone
 * cannot tell: how much of the heap is still in use after a full garbage collection.
 */
export class InspectorSession {
  #nextId = 1;
  readonly #pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id === undefined) return;
      const waiter = this.#pending.get(message.id);
      this.#pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(message.error.message));
      else waiter?.resolve(message.result);
    });
  }

  /** Node prints the inspector's WebSocket URL on stderr, which goes to the app's log. */
  static async connect(app: ChildApp): Promise<InspectorSession> {
    const url = await waitFor(
      `${app.name} inspector URL`,
      async () => /Debugger listening on (ws:\/\/\S+)/.exec(app.logTail(400))?.[1],
      10_000,
      50,
    );
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.addEventListener("open", () => resolve(), { once: true });
      socket.addEventListener("error", () => reject(new Error(`could not connect to ${app.name}'s inspector`)), { once: true });
    });
    return new InspectorSession(socket);
  }

  send<T>(method: string, params: object = {}): Promise<T> {
    const id = this.#nextId++;
    this.socket.send(JSON.stringify({ id, method, params }));
    return new Promise((resolve, reject) => this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject }));
  }

  /** MiB of JavaScript heap in use after a full garbage collection. */
  async heapAfterGcMiB(): Promise<number> {
    await this.send("HeapProfiler.collectGarbage");
    const usage = await this.send<{ usedSize: number }>("Runtime.getHeapUsage");
    return usage.usedSize / 1024 ** 2;
  }

  /** MiB the JavaScript heap holds (committed, garbage included) as it stands; no GC is forced. */
  async heapCommittedMiB(): Promise<number> {
    const usage = await this.send<{ totalSize: number }>("Runtime.getHeapUsage");
    return usage.totalSize / 1024 ** 2;
  }

  close(): void {
    this.socket.close();
  }
}
