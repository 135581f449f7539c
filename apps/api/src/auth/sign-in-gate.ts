import type { RequestHandler } from "express";
import { MAX_BATCH_SIZE } from "../batch-limits";
import { clientIpOf } from "../client-ip";
import type { Logger } from "../logger";
import type { ApiMetrics } from "../metrics/api-metrics";
import { trpcErrorAnswer } from "../trpc-error-body";
import { refusalOfAddress, SIGN_IN_BUSY, type SignInRefusal, TOO_MANY_SIGN_IN_FAILURES } from "./sign-in-admission";

const SIGN_IN = "auth.signIn";
/** At most one line per this long about the sign-ins the gate refused meanwhile (the metrics count each). */
export const GATE_LOG_INTERVAL_MS = 10_000;
/**
 * A refusal is answered this much later. A client that sends the next sign-in as soon as one is
 * answered (what flooding tools do) then gets one refusal per connection a second, instead of as many
 * as the event loop can answer: refused at full speed, 100 such connections took most of the event
 * loop however cheap each refusal was, and a signed-in user's request waited its turn behind them
 * (docs/performance.md, section 5). A person told "try again in a moment" does not mind a second.
 */
export const REFUSAL_ANSWER_DELAY_MS = 1_000;

const MESSAGES: Record<SignInRefusal, string> = { throttled: TOO_MANY_SIGN_IN_FAILURES, busy: SIGN_IN_BUSY };

/** The procedure paths of a POST to /trpc that carries exactly one sign-in, as tRPC would read them; undefined for anything else. */
function signInCall(path: string, batch: boolean): string[] | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.slice(1));
  } catch {
    return undefined;
  }
  if (!batch) return decoded === SIGN_IN ? [decoded] : undefined;
  const paths = decoded.split(",");
  // Oversized batches and batches of several sign-ins go on to tRPC, which refuses them whole with a 400.
  if (paths.length > MAX_BATCH_SIZE || paths.filter((each) => each === SIGN_IN).length !== 1) return undefined;
  return paths;
}

/**
 * Mounted on /trpc ahead of the request log, compression and tRPC. A sign-in this process would refuse
 * knowing only the client's address (refusalOfAddress: blocked a moment ago, the hashing queue's
 * places all held or spoken for by sign-ins let through, as many of the address in flight as it has
 * attempts) is answered here with the 429 the procedure would give, without reading the body: under
 * a flood each refusal costs a small fraction of a full tRPC call, and the signed-in users' requests
 * keep their turn on the event loop. A batch carrying the sign-in is refused whole, as a batch of two
 * sign-ins is. Each refusal is counted in askpro_api_requests_total (as auth.signIn); answered
 * after REFUSAL_ANSWER_DELAY_MS; the log gets a line per GATE_LOG_INTERVAL_MS with the count, not one per request (a flood would fill it).
 */
export function signInGate({ logger, metrics }: { logger: Logger; metrics: Pick<ApiMetrics, "procedureCalled"> }): RequestHandler {
  /** Sign-ins let through to tRPC and not answered yet. */
  let underway = 0;
  let refusedSinceLine = 0;
  let lastLineAt = Number.NEGATIVE_INFINITY;
  return (req, res, next) => {
    const batch = req.method === "POST" && req.query.batch === "1";
    const paths = req.method === "POST" ? signInCall(req.path, batch) : undefined;
    if (!paths) {
      next();
      return;
    }
    const refusal = refusalOfAddress(clientIpOf(req), underway);
    if (!refusal) {
      underway++;
      res.once("close", () => underway--);
      next();
      return;
    }
    const { status, body } = trpcErrorAnswer("TOO_MANY_REQUESTS", MESSAGES[refusal], paths, batch);
    setTimeout(() => {
      if (!res.destroyed) res.writeHead(status, { "content-type": "application/json" }).end(body);
    }, REFUSAL_ANSWER_DELAY_MS);
    metrics.procedureCalled(SIGN_IN, "TOO_MANY_REQUESTS", 0);
    refusedSinceLine++;
    const now = performance.now();
    if (now - lastLineAt >= GATE_LOG_INTERVAL_MS) {
      logger.warn({ event: "sign-ins-refused", refused: refusedSinceLine, reason: refusal }, "Sign-ins refused before reading them: blocked address or too many sign-ins at once");
      refusedSinceLine = 0;
      lastLineAt = now;
    }
  };
}
