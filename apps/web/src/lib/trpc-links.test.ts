import { TRPC_MAX_BATCH_SIZE } from "@askpro/domain";
import { createTRPCClient } from "@trpc/client";
import { describe, expect, it } from "vitest";
import type { AppRouter } from "@askpro/api";
import { trpcLinks } from "./trpc-links";

describe("trpcLinks", () => {
  it("never sends a batch larger than the api accepts", async () => {
    const batchSizes: number[] = [];
    const fakeFetch = (async (input: RequestInfo | URL) => {
      const url = new URL(String(input));
      const calls = url.pathname.split("/").at(-1)?.split(",") ?? [];
      batchSizes.push(calls.length);
      const body = calls.map(() => ({ result: { data: null } }));
      return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
    }) as typeof fetch;
    const client = createTRPCClient<AppRouter>({ links: trpcLinks(fakeFetch, "http://app.test/trpc") });

    const calls = Array.from({ length: 2 * TRPC_MAX_BATCH_SIZE + 3 }, () => client.auth.me.query());
    await Promise.all(calls);

    expect(batchSizes.reduce((sum, size) => sum + size, 0)).toBe(calls.length);
    expect(Math.max(...batchSizes)).toBeLessThanOrEqual(TRPC_MAX_BATCH_SIZE);
    expect(batchSizes.length).toBe(3);
  });
});
