import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createConnection, createServer } from "node:net";
import { networkInterfaces } from "node:os";
import { join } from "node:path";
import { createTestDatabase, type TestDatabase } from "@askpro/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/** This machine's addresses that another machine could reach (none on a host without a network). */
const externalIPv4 = Object.values(networkInterfaces())
  .flat()
  .filter((address) => address && address.family === "IPv4" && !address.internal)
  .map((address) => address?.address as string);

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const connects = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ host, port });
    socket.once("connect", () => resolve(socket.destroy() && true));
    socket.once("error", () => resolve(false));
  });

/** Starts the real entry point and resolves once it logs that it listens. */
async function startApi(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "main.ts")], {
    env: { PATH: process.env.PATH, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("API listening")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`api exited with ${code}: ${output}`)));
  });
  return child;
}

describe("the api's listening address", () => {
  let db: TestDatabase;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    for (const child of children) child.kill("SIGKILL");
    await db.drop();
  });

  it("is loopback only outside production (npm run dev, e2e)", async () => {
    const port = await freePort();
    children.push(await startApi({ DATABASE_URL: db.url, PORT: String(port) }));
    expect(await connects("127.0.0.1", port)).toBe(true);
    for (const address of externalIPv4) expect([address, await connects(address, port)]).toEqual([address, false]);
  });

  it("is every interface in production unless HOST narrows it", async () => {
    const port = await freePort();
    children.push(await startApi({ DATABASE_URL: db.url, PORT: String(port), NODE_ENV: "production", APP_SECRET: "s".repeat(32) }));
    expect(await connects("127.0.0.1", port)).toBe(true);
    for (const address of externalIPv4) expect([address, await connects(address, port)]).toEqual([address, true]);

    const narrowed = await freePort();
    children.push(await startApi({ DATABASE_URL: db.url, PORT: String(narrowed), NODE_ENV: "production", APP_SECRET: "s".repeat(32), HOST: "127.0.0.1" }));
    expect(await connects("127.0.0.1", narrowed)).toBe(true);
    for (const address of externalIPv4) expect([address, await connects(address, narrowed)]).toEqual([address, false]);
  });
});
