import { sql } from "kysely";
import { db } from "../kysely";
import type { EntityManager, Orm } from "../orm";

/**
 * The calcom_rate_budgets table: one row per Cal.com key (by hash), the key's budget for every process
 * that calls Cal.com with it. packages/calcom's RateBudgetStore, on PostgreSQL: the shapes below are
 * its BudgetTake and BudgetLearning (the apps hand calcomRateBudgetStore to the client).
 */

export type CalcomBudgetTake =
  | { granted: true; window: number; taken: number; limit: number; headersRead: boolean }
  | { granted: false; waitMs: number };

export interface CalcomBudgetLearning {
  window: number;
  limit?: number;
  windowMs?: number;
  spent?: number;
  endsInMs?: number;
  blockMs?: number;
  /** The ticket's place in its window, when the server's window began with it (spent 1) though it was not the window's first. */
  takenBefore?: number;
  /** With takenBefore: Date.now() of the caller when that request was taken; the next window counts from then. */
  takenAt?: number;
  /** Date.now() of the caller when the answer arrived: the end counts from then. */
  answeredAt?: number;
}

/**
 * A take for a caller that may spend only a share of the key's window (the drift check: it must never
 * leave the syncs short): granted while the window has handed out fewer than floor(limit * share)
 * requests (at least one, so a key with a small limit still gets checked), else it waits for the next
 * window as a full window would.
 */
export interface CalcomBudgetTakeOptions {
  /** 0 < share <= 1; unset: the whole limit. */
  share?: number | undefined;
}

/** Until a response's headers were read: one request at a time, at most one a second. */
const PROBE_MS = 1_000;
/** Cal.com's documented window: assumed until a window's first response says how long it is. */
const ASSUMED_WINDOW_MS = 60_000;
/** How often a refused request asks again while the probe's answer is awaited. */
const PROBE_POLL_MS = 50;

const ms = (value: unknown) => sql`make_interval(secs => (${value})::float8 / 1000)`;

/**
 * Takes one request from the key's window in one statement. ON CONFLICT DO UPDATE locks the key's row
 * and re-reads its newest version before its WHERE, so concurrent takes (of any process) queue on the
 * row and the window never hands out more than its limit. A passed window opens the next one. When
 * nothing is granted, the wait until the window's end is read from the statement's snapshot (a hint:
 * the caller asks again then). statement_timestamp(): one clock for the whole statement, the database's.
 */
export async function takeCalcomBudget(em: EntityManager, keyHash: string, options: CalcomBudgetTakeOptions = {}): Promise<CalcomBudgetTake> {
  const now = sql`statement_timestamp()`;
  const share = options.share;
  if (share !== undefined && !(share > 0 && share <= 1)) throw new RangeError(`budget share must be in (0, 1], got ${share}`);
  // The most requests of a window this take may be: the limit, or the caller's share of it.
  const cap = share === undefined ? sql`b.request_limit` : sql`greatest(1, floor(b.request_limit * ${share}::float8))::int`;
  const { rows } = await sql<{ granted: boolean; window_number: number; taken: number; request_limit: number; headers_read: boolean; wait_ms: number }>`
    WITH granted AS (
      INSERT INTO calcom_rate_budgets AS b (key_hash, request_limit, window_ms, headers_read, window_number, window_started_at, window_ends_at, taken)
      VALUES (${keyHash}, 1, ${ASSUMED_WINDOW_MS}, false, 1, ${now}, ${now} + ${ms(PROBE_MS)}, 1)
      ON CONFLICT (key_hash) DO UPDATE SET
        window_number = CASE WHEN b.window_ends_at <= ${now} THEN b.window_number + 1 ELSE b.window_number END,
        window_started_at = CASE WHEN b.window_ends_at <= ${now} THEN ${now} ELSE b.window_started_at END,
        window_ends_at = CASE WHEN b.window_ends_at <= ${now}
          THEN ${now} + ${ms(sql`CASE WHEN b.headers_read THEN b.window_ms ELSE ${PROBE_MS} END`)}
          ELSE b.window_ends_at END,
        taken = CASE WHEN b.window_ends_at <= ${now} THEN 1 ELSE b.taken + 1 END
      WHERE b.window_ends_at <= ${now}
        OR (b.taken < CASE WHEN b.headers_read THEN ${cap} ELSE 1 END
          -- Cal.com's window may end as early as this: a request sent later could count in its next one.
          AND (NOT b.headers_read OR ${now} < b.window_started_at + ${ms(sql`b.window_ms`)}))
      RETURNING b.window_number, b.taken, b.request_limit, b.headers_read
    )
    SELECT true AS granted, window_number, taken, request_limit, headers_read, 0::float8 AS wait_ms FROM granted
    UNION ALL
    SELECT false, b.window_number, b.taken, b.request_limit, b.headers_read,
      CASE WHEN b.headers_read THEN w.ms ELSE least(w.ms, ${PROBE_POLL_MS}) END
    FROM calcom_rate_budgets b, LATERAL (SELECT greatest(extract(epoch FROM b.window_ends_at - ${now}) * 1000, 0)::float8 AS ms) w
    WHERE b.key_hash = ${keyHash} AND NOT EXISTS (SELECT 1 FROM granted)`.execute(db(em));
  const row = rows[0];
  // No row at all: another process created the key's row after this statement's snapshot; ask again soon.
  if (!row) return { granted: false, waitMs: PROBE_POLL_MS };
  if (!row.granted) return { granted: false, waitMs: Number(row.wait_ms) };
  return { granted: true, window: row.window_number, taken: row.taken, limit: row.request_limit, headersRead: row.headers_read };
}

/**
 * What a response taught, in one statement. The limit and the window's length are the key's; the count
 * and the end belong to the window the request was taken in (a later window is left alone), and only
 * ever grow: a correction makes the budget stricter, never looser. A block (429) applies whatever the
 * window: the window is spent and ends with the block, for every process. The probe's window (before
 * any headers were read) is the one exception: its end is replaced by the server's. A count moves the
 * end only when the server counted more than the window handed out (another user of the key): requests
 * of the window arriving out of order are no reason to wait for a reset rounded up to whole seconds.
 */
export async function learnCalcomBudget(em: EntityManager, keyHash: string, learning: CalcomBudgetLearning): Promise<void> {
  await db(em)
    .connection()
    .execute(async (connection) => {
      // Measured once the connection is ours, so the end counts from the answer's arrival and not from
      // this statement, which a busy process or pool sends later: that wait would stretch each window.
      const ageMs = learning.answeredAt === undefined ? 0 : Math.max(0, Date.now() - learning.answeredAt);
      const takenAgeMs = learning.takenAt === undefined ? ageMs : Math.max(ageMs, Date.now() - learning.takenAt);
      await learnStatement(keyHash, learning, ageMs, takenAgeMs).execute(connection);
    });
}

function learnStatement(keyHash: string, learning: CalcomBudgetLearning, ageMs: number, takenAgeMs: number) {
  const block = learning.blockMs !== undefined;
  const limit = learning.limit ?? null;
  const endsIn = learning.blockMs ?? learning.endsInMs;
  const endsInMs = endsIn === undefined ? null : endsIn - ageMs;
  const spent = learning.spent ?? null;
  const sameWindow = sql`window_number = ${learning.window}`;
  const takenBefore = learning.takenBefore ?? null;
  // The server's window began with this request, which the budget's window handed out after others,
  // and the answer came in the second half of the budget's window: the others were counted in the
  // server's previous window (an answer that merely overtook earlier ones comes at the window's start).
  // Its next window is the server's new one: it opens with this request and those taken after it,
  // instead of the old one lasting another whole window with its requests spent. It counts from when
  // this request was taken: the server's window began no earlier, so it hands out nothing past the
  // server's end; and it ends no sooner than the server said.
  const opens = sql`(NOT ${block}::boolean AND ${sameWindow} AND headers_read AND ${takenBefore}::int > 1 AND ${endsInMs}::float8 IS NOT NULL
    AND statement_timestamp() - ${ms(ageMs)} >= window_started_at + ${ms(sql`window_ms / 2`)})`;
  return sql`
    UPDATE calcom_rate_budgets SET
      request_limit = coalesce(${limit}::int, request_limit),
      window_ms = coalesce(${learning.windowMs ?? null}::int, window_ms),
      headers_read = headers_read OR ${limit}::int IS NOT NULL,
      window_number = CASE WHEN ${opens} THEN window_number + 1 ELSE window_number END,
      taken = CASE
        WHEN ${opens} THEN 1 + greatest(0, taken - ${takenBefore}::int)
        WHEN ${block}::boolean THEN greatest(taken, coalesce(${limit}::int, request_limit))
        WHEN ${sameWindow} THEN greatest(taken, coalesce(${spent}::int, 0))
        ELSE taken END,
      window_started_at = CASE
        WHEN ${opens} THEN statement_timestamp() - ${ms(takenAgeMs)}
        -- The server counted requests this window did not hand out: its window may have begun earlier
        -- (its end is at least reset - 1 s away, the header being whole seconds rounded up).
        WHEN NOT ${block}::boolean AND ${sameWindow} AND headers_read AND ${spent}::int > 1 AND ${spent}::int > taken AND ${endsInMs}::float8 IS NOT NULL
        THEN least(window_started_at, statement_timestamp() + ${ms(sql`${endsInMs}::float8 - 1000 - coalesce(${learning.windowMs ?? null}::int, window_ms)`)})
        ELSE window_started_at END,
      window_ends_at = CASE
        WHEN ${opens} THEN statement_timestamp() + ${ms(endsInMs)}
        WHEN ${endsInMs}::float8 IS NOT NULL AND (${block}::boolean OR (${sameWindow} AND (NOT headers_read OR ${spent}::int IS NULL OR ${spent}::int <= 1 OR ${spent}::int > taken)))
        THEN CASE WHEN headers_read OR ${block}::boolean
          THEN greatest(window_ends_at, statement_timestamp() + ${ms(endsInMs)})
          -- The probe's window was a placeholder: the server's own end replaces it.
          ELSE statement_timestamp() + ${ms(endsInMs)} END
        ELSE window_ends_at END
    WHERE key_hash = ${keyHash}`;
}

export interface CalcomRateBudgetStore {
  take(keyHash: string, options?: CalcomBudgetTakeOptions): Promise<CalcomBudgetTake>;
  learn(keyHash: string, learning: CalcomBudgetLearning): Promise<void>;
}

const stores = new WeakMap<Orm, CalcomRateBudgetStore>();

/**
 * The store of a process's ORM, for createCalcomClient's rateBudget; one per ORM, so that the
 * client's pacers (one per key and store) are shared by every client of the process. Its statements
 * run on the pool outside any transaction: a take never waits for a request's transaction.
 */
export function calcomRateBudgetStore(orm: Orm): CalcomRateBudgetStore {
  let store = stores.get(orm);
  if (!store) {
    const em = orm.em.fork();
    store = { take: (keyHash, options) => takeCalcomBudget(em, keyHash, options), learn: (keyHash, learning) => learnCalcomBudget(em, keyHash, learning) };
    stores.set(orm, store);
  }
  return store;
}
