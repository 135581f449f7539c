type Parsed = { ok: true; value: unknown } | { ok: false };

function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const optionalString = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);

export interface ErrorBody {
  code?: string | undefined;
  message?: string | undefined;
  details?: unknown;
}

/**
 * Cal.com's error envelope `{ status: "error", timestamp, path, error: { code, message, details } }`,
 * or Nest's bare `{ statusCode, message, error }` that proxies and older paths still answer with.
 * Anything else (HTML from a gateway, an empty body) yields nothing: the HTTP status still tells the kind.
 */
export function readErrorBody(text: string): ErrorBody {
  const parsed = parseJson(text);
  if (!parsed.ok || !isRecord(parsed.value)) return {};
  const body = parsed.value;
  if (isRecord(body.error)) {
    return { code: optionalString(body.error.code), message: optionalString(body.error.message), details: body.error.details };
  }
  const message = Array.isArray(body.message) ? body.message.filter((m) => typeof m === "string").join("; ") : body.message;
  return { code: optionalString(body.error), message: optionalString(message) };
}

export type Expected = "object" | "array" | "object-or-array";

/** The `data` of Cal.com's success envelope `{ status: "success", data }`, if the body is one. */
export function readSuccessData(text: string, expected: Expected): { ok: true; value: unknown } | { ok: false; reason: string } {
  const parsed = parseJson(text);
  if (!parsed.ok) return { ok: false, reason: "the response body is not valid JSON" };
  const body = parsed.value;
  if (!isRecord(body) || body.status !== "success" || !("data" in body)) {
    return { ok: false, reason: 'the response body is not Cal.com\'s { status: "success", data } envelope' };
  }
  const { data } = body;
  const isArray = Array.isArray(data) && data.every(isRecord);
  const fits = expected === "array" ? isArray : expected === "object" ? isRecord(data) : isArray || isRecord(data);
  if (!fits) return { ok: false, reason: `the response data is not ${expected === "array" ? "a list of objects" : "an object"}` };
  return { ok: true, value: data };
}
