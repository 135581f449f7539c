import type { ScryptOptions } from "node:crypto";
import { Worker } from "node:worker_threads";
import type { Scrypt } from "@askpro/db";

/**
 * Runs in each thread. On Linux the nice value is a thread's own (setpriority(2), "BUGS"), so only
 * this thread drops to the lowest priority: its hashes use the CPU the event loop, PostgreSQL and the
 * rest of the machine leave idle, instead of taking a core from them for as long as a flood lasts.
 * Inline source: nothing to bundle or resolve, the same under tsx, vitest and the built api.
 */
const THREAD_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { scryptSync } = require("node:crypto");
const { constants, setPriority } = require("node:os");
try { setPriority(constants.priority.PRIORITY_LOW); } catch {}
parentPort.on("message", ({ id, password, salt, keyLength, options }) => {
  try {
    parentPort.postMessage({ id, key: scryptSync(password, salt, keyLength, options) });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  }
});
`;

interface Pending {
  resolve(key: Uint8Array): void;
  reject(error: Error): void;
}

type Reply = { id: number; key: Uint8Array } | { id: number; error: string };

/** `threads` worker threads, started on first use; they do not keep the process alive. */
export function lowPriorityScrypt(threads: number): Scrypt {
  const workers: { worker: Worker; pending: Map<number, Pending> }[] = [];
  let nextId = 0;

  function start(): (typeof workers)[number] {
    const pending = new Map<number, Pending>();
    const worker = new Worker(THREAD_SOURCE, { eval: true });
    worker.unref();
    const entry = { worker, pending };
    worker.on("message", (reply: Reply) => {
      const waiting = pending.get(reply.id);
      pending.delete(reply.id);
      if ("error" in reply) waiting?.reject(new Error(reply.error));
      else waiting?.resolve(reply.key);
    });
    // A thread that dies takes its hashes with it: they fail, and the next hash starts a new thread.
    const fail = (error: Error) => {
      for (const waiting of pending.values()) waiting.reject(error);
      pending.clear();
      const index = workers.indexOf(entry);
      if (index >= 0) workers.splice(index, 1);
    };
    worker.once("error", fail);
    worker.once("exit", (code) => fail(new Error(`scrypt thread exited (code ${code})`)));
    workers.push(entry);
    return entry;
  }

  return (password: string, salt: Buffer, keyLength: number, options: ScryptOptions) => {
    const idle = workers.length < threads ? start() : workers.reduce((least, entry) => (entry.pending.size < least.pending.size ? entry : least));
    const id = nextId++;
    return new Promise<Uint8Array>((resolve, reject) => {
      idle.pending.set(id, { resolve, reject });
      idle.worker.postMessage({ id, password, salt, keyLength, options });
    });
  };
}
