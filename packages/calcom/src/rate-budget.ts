import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { RequestOutcome } from "./pacer";

/**
 * One Cal.com key's request budget shared by every process that calls Cal.com with it (the api, each
 * worker, the drift check): the state lives outside the process (PostgreSQL, packages/db), so two
 * workers never both spend the key's window. Implementations change the state in one atomic step per
 * call; the process keeps only when to ask again.
 */
export interface RateBudgetStore {
  /**
   * Takes one request from the key's current window, or says how long until one may be free. With a
   * share, only while the window has handed out fewer than floor(limit * share) (at least one): a caller
   * that must leave the rest of every window to others (the drift check leaves it to the syncs).
   */
  take(keyId: string, options?: BudgetTakeOptions): Promise<BudgetTake>;
  /** Corrects the key's state from what a response said (its rate-limit headers, or a 429's block). */
  learn(keyId: string, learning: BudgetLearning): Promise<void>;
}

export interface BudgetTakeOptions {
  /** 0 < share <= 1 of each window's limit; unset: the whole limit. */
  share?: number | undefined;
}

export type BudgetTake = BudgetTicket | { granted: false; waitMs: number };

/** A request taken from the budget: which window it counts in, and what the store knew then. */
export interface BudgetTicket {
  granted: true;
  /** The window's number: a correction applies to the window the request was taken in, not a later one. */
  window: number;
  /** Requests taken in the window, this one included. */
  taken: number;
  limit: number;
  /** False until a response's headers were read: then only one request at a time goes (the probe). */
  headersRead: boolean;
  /** Date.now() of this process when the pacer got the ticket (the request went out just after). */
  takenAt?: number;
}

export interface BudgetLearning {
  window: number;
  /** X-RateLimit-Limit: requests per window. */
  limit?: number;
  /** The window's length, read from the reset of a window's first request. */
  windowMs?: number;
  /** Requests the server counted in its window (limit - remaining): never fewer are taken. */
  spent?: number;
  /** The server's window ends no later than this from now: the window lasts at least until then. */
  endsInMs?: number;
  /** A 429: nothing goes out with this key for this long, in any process. */
  blockMs?: number;
  /**
   * Set when the server's window began with this request (spent 1) although the budget's window had
   * handed out requests before it: the ticket's place in its window (BudgetTicket.taken). When such an
   * answer comes in the second half of the budget's window, those earlier requests were counted in the
   * server's previous window: the server's next window has begun, and the budget's next one opens now.
   */
  takenBefore?: number;
  /**
   * With takenBefore: when that request was taken (this process's Date.now()). Cal.com's new window
   * began no earlier, so the budget's next window, counted from then, ends no earlier than Cal.com's.
   */
  takenAt?: number;
  /**
   * Date.now() of this process when the answer arrived: endsInMs and blockMs count from then, not from
   * when the correction is written (later on a busy process). Only ever compared with this process's
   * own Date.now(), so no clock but the store's has to agree with another.
   */
  answeredAt?: number;
}

/** Never ask the store again sooner than this after a refusal, nor later than the longest wait. */
const MIN_WAIT_MS = 5;
const MAX_WAIT_MS = 10_000;

/** The id of a key's budget: a hash of Cal.com's origin and the key, so that no store ever holds the key. */
export function budgetKeyId(baseUrl: string, apiKey: string): string {
  return createHash("sha256").update(`${baseUrl}\n${apiKey}`).digest("hex");
}

/**
 * The client's pacer for a key whose budget is in a RateBudgetStore: one store call per request
 * (take), and one more only when a response teaches something the store did not know (the key's limit
 * and window, the first request of a window, a count or reset it had wrong, a 429).
 */
export class SharedRatePacer {
  /** After a refusal, this process's requests of the key wait until then before asking again. */
  private pausedUntil = 0;

  constructor(
    private readonly store: RateBudgetStore,
    private readonly keyId: string,
    /** Of each window's limit, what this pacer's requests may take (see RateBudgetStore.take). */
    private readonly share?: number | undefined,
  ) {}

  async acquire(): Promise<BudgetTicket> {
    for (;;) {
      const wait = this.pausedUntil - Date.now();
      if (wait > 0) await sleep(wait);
      const take = await this.store.take(this.keyId, this.share === undefined ? undefined : { share: this.share });
      if (take.granted) return { ...take, takenAt: Date.now() };
      const waitMs = Math.min(Math.max(take.waitMs, MIN_WAIT_MS), MAX_WAIT_MS);
      this.pausedUntil = Math.max(this.pausedUntil, Date.now() + waitMs);
    }
  }

  /** Never fails: a correction that cannot be written costs precision, not the request's answer. */
  async settle(ticket: BudgetTicket, outcome: RequestOutcome = {}): Promise<void> {
    const learning = whatToLearn(ticket, outcome);
    if (outcome.blockMs !== undefined) this.pausedUntil = Math.max(this.pausedUntil, (outcome.answeredAt ?? Date.now()) + outcome.blockMs);
    if (learning) await this.store.learn(this.keyId, learning).catch(() => undefined);
  }
}

/** What a response adds to the store's knowledge; undefined when it confirms what the ticket showed. */
export function whatToLearn(ticket: BudgetTicket, { rateLimit: info = {}, blockMs, answeredAt }: RequestOutcome): BudgetLearning | undefined {
  const learning: BudgetLearning = { window: ticket.window, ...(answeredAt !== undefined && { answeredAt }) };
  if (blockMs !== undefined) return { ...learning, blockMs, ...(info.limit !== undefined && { limit: info.limit }) };
  if (info.limit === undefined) return undefined;
  let worth = false;
  if (!ticket.headersRead || info.limit !== ticket.limit) {
    learning.limit = info.limit;
    worth = true;
  }
  if (info.remaining !== undefined && info.resetMs !== undefined) {
    const spent = info.limit - info.remaining;
    if (spent === 1 && info.resetMs > 0) {
      // The server's window began with this request: its reset is the window's length (whole seconds,
      // rounded up), and the window ends no later than that from now.
      Object.assign(learning, { windowMs: info.resetMs, endsInMs: info.resetMs, spent });
      if (ticket.taken > 1) Object.assign(learning, { takenBefore: ticket.taken }, ticket.takenAt !== undefined && { takenAt: ticket.takenAt });
      worth = true;
    } else if (!ticket.headersRead || spent > ticket.taken) {
      // The server counted more than the store had taken (another user of the key, or a window the
      // store had begun too early): take what it counted and wait for its reset.
      Object.assign(learning, { spent, endsInMs: info.resetMs });
      worth = true;
    }
  }
  return worth ? learning : undefined;
}

const sharedPacers = new WeakMap<RateBudgetStore, Map<string, SharedRatePacer>>();

/**
 * The one shared-budget pacer of a key, store and share in this process: a capped caller waiting for
 * the next window pauses only its own requests, never the key's others.
 */
export function sharedPacerFor(store: RateBudgetStore, keyId: string, share?: number): SharedRatePacer {
  let byKey = sharedPacers.get(store);
  if (!byKey) {
    byKey = new Map();
    sharedPacers.set(store, byKey);
  }
  const id = share === undefined ? keyId : `${keyId}/${share}`;
  let pacer = byKey.get(id);
  if (!pacer) {
    pacer = new SharedRatePacer(store, keyId, share);
    byKey.set(id, pacer);
  }
  return pacer;
}
