import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { initTRPC, TRPCError } from "@trpc/server";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { apiIssuesOf, apiMessageOf, classifyApiError } from "./api-error";

// A real tRPC server over HTTP, shaped like apps/api's error formatter, so the classification is tested
// against what the client really receives rather than hand-built error objects.
const t = initTRPC.create({
  errorFormatter: ({ shape, error }) => ({
    ...shape,
    data: {
      ...shape.data,
      zodIssues: error.cause instanceof z.ZodError ? error.cause.issues.map(({ path, message, code }) => ({ path, message, code })) : undefined,
    },
  }),
});
const fail = (code: TRPCError["code"]) =>
  t.procedure.query(() => {
    throw new TRPCError({ code, message: `refused: ${code}` });
  });
const router = t.router({
  unauthorized: fail("UNAUTHORIZED"),
  forbidden: fail("FORBIDDEN"),
  notFound: fail("NOT_FOUND"),
  conflict: fail("CONFLICT"),
  tooMany: fail("TOO_MANY_REQUESTS"),
  crash: t.procedure.query(() => {
    throw new Error("database exploded");
  }),
  validate: t.procedure.input(z.object({ name: z.string().min(1), durationMinutes: z.number().max(720) })).query(() => "ok"),
});

let api: Server;
let proxyDown: Server;
let apiUrl: string;
let badGatewayUrl: string;

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

beforeAll(async () => {
  api = createServer(createHTTPHandler({ router }));
  apiUrl = await listen(api);
  // What the Vite proxy answers when the api is down: a 502 with a non-JSON body.
  proxyDown = createServer((_req, res) => {
    res.writeHead(502, { "content-type": "text/plain" });
    res.end("Bad Gateway");
  });
  badGatewayUrl = await listen(proxyDown);
});

afterAll(async () => {
  await Promise.all([api, proxyDown].map((server) => new Promise((resolve) => server.close(resolve))));
});

const clientFor = (url: string) => createTRPCClient<typeof router>({ links: [httpBatchLink({ url })] });

async function errorOf(call: () => Promise<unknown>): Promise<unknown> {
  try {
    await call();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

describe("classifyApiError", () => {
  it("maps tRPC error codes to what the UI does about them", async () => {
    const client = clientFor(apiUrl);
    expect(classifyApiError(await errorOf(() => client.unauthorized.query()))).toBe("unauthorized");
    expect(classifyApiError(await errorOf(() => client.forbidden.query()))).toBe("forbidden");
    expect(classifyApiError(await errorOf(() => client.notFound.query()))).toBe("not_found");
    expect(classifyApiError(await errorOf(() => client.conflict.query()))).toBe("conflict");
    expect(classifyApiError(await errorOf(() => client.tooMany.query()))).toBe("rate_limited");
    expect(classifyApiError(await errorOf(() => client.validate.query({ name: "", durationMinutes: 1 })))).toBe("bad_request");
  });

  it("treats a server crash, a 502 from the proxy and an unreachable api as unavailable", async () => {
    expect(classifyApiError(await errorOf(() => clientFor(apiUrl).crash.query()))).toBe("unavailable");
    expect(classifyApiError(await errorOf(() => clientFor(badGatewayUrl).conflict.query()))).toBe("unavailable");
    const closed = createServer();
    const closedUrl = await listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    expect(classifyApiError(await errorOf(() => clientFor(closedUrl).conflict.query()))).toBe("unavailable");
  });

  it("does not mistake programming errors for api errors", () => {
    expect(classifyApiError(new TypeError("x is undefined"))).toBe("other");
    expect(classifyApiError("boom")).toBe("other");
  });
});

describe("apiIssuesOf", () => {
  it("reads the zod issues of a BAD_REQUEST", async () => {
    const error = await errorOf(() => clientFor(apiUrl).validate.query({ name: "", durationMinutes: 1000 }));
    const issues = apiIssuesOf(error);
    expect(issues.map((issue) => issue.path)).toEqual([["name"], ["durationMinutes"]]);
    expect(issues[1]?.code).toBe("too_big");
  });

  it("returns nothing for other errors", async () => {
    expect(apiIssuesOf(await errorOf(() => clientFor(apiUrl).conflict.query()))).toEqual([]);
    expect(apiIssuesOf(new Error("x"))).toEqual([]);
  });
});

describe("apiMessageOf", () => {
  it("passes on the server's sentence for an expected refusal", async () => {
    expect(apiMessageOf(await errorOf(() => clientFor(apiUrl).conflict.query()))).toBe("refused: CONFLICT");
  });

  it("never passes on the text of a crash or a proxy error page", async () => {
    expect(apiMessageOf(await errorOf(() => clientFor(apiUrl).crash.query()))).toBeUndefined();
    expect(apiMessageOf(await errorOf(() => clientFor(badGatewayUrl).conflict.query()))).toBeUndefined();
    expect(apiMessageOf(new Error("internal"))).toBeUndefined();
  });
});
