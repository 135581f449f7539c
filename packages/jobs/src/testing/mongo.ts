import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { MongoClient } from "mongodb";

export interface TestMongo {
  /** A MongoDB URL with a database of its own. */
  url: string;
  stop(): Promise<void>;
}

const BINARY_PACKAGE = "@jongodb/memory-server-bin-linux-x64-gnu";
const START_TIMEOUT_MS = 20_000;

/**
 * A MongoDB for tests: with MONGODB_URL set, a fresh database on that server (dropped by stop());
 * otherwise the MongoDB-wire-compatible jongodb test server on a free port (no mongod can be
 * installed on these machines).
 */
export async function startTestMongo(): Promise<TestMongo> {
  const external = process.env.MONGODB_URL;
  return external ? freshDatabaseOn(external) : startJongodb();
}

function uniqueDatabaseName(): string {
  return `askpro_test_${process.pid}_${randomBytes(4).toString("hex")}`;
}

/** Puts `database` in place of the URL's path, keeping hosts, credentials and options. */
export function withDatabase(url: string, database: string): string {
  const match = /^(mongodb(?:\+srv)?:\/\/[^/?#]+)(?:\/[^?#]*)?(.*)$/i.exec(url);
  if (!match) throw new Error("MONGODB_URL must be a mongodb:// or mongodb+srv:// URL");
  return `${match[1]}/${database}${match[2]}`;
}

async function freshDatabaseOn(serverUrl: string): Promise<TestMongo> {
  const url = withDatabase(serverUrl, uniqueDatabaseName());
  return {
    url,
    async stop() {
      const client = await MongoClient.connect(url);
      try {
        await client.db().dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
}

function jongodbBinary(): string {
  const require = createRequire(import.meta.url);
  let manifestPath: string;
  try {
    manifestPath = require.resolve(`${BINARY_PACKAGE}/package.json`);
  } catch {
    throw new Error(`${BINARY_PACKAGE} is not installed (it exists for linux-x64 glibc only): set MONGODB_URL to a mongod instead`);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { jongodb: { binary: string } };
  return join(dirname(manifestPath), manifest.jongodb.binary);
}

async function startJongodb(): Promise<TestMongo> {
  const child = spawn(jongodbBinary(), ["--host=127.0.0.1", "--port=0"], { stdio: ["ignore", "pipe", "pipe"] });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);
  try {
    const serverUrl = await announcedUrl(child);
    return {
      url: withDatabase(serverUrl, uniqueDatabaseName()),
      async stop() {
        process.off("exit", killOnExit);
        await terminate(child);
      },
    };
  } catch (error) {
    process.off("exit", killOnExit);
    await terminate(child);
    throw error;
  }
}

/** jongodb prints `JONGODB_URI=<url>` once it listens, or `JONGODB_START_FAILURE=<reason>`. */
function announcedUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = "";
    let settled = false;
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new Error(`jongodb did not start: ${reason}`));
    };
    const timer = setTimeout(() => fail(`no URL within ${START_TIMEOUT_MS} ms. Output: ${output.trim()}`), START_TIMEOUT_MS);
    // Keeps reading after start-up too, so a chatty server never blocks on a full pipe.
    const onData = (chunk: Buffer) => {
      if (settled) return;
      output += chunk.toString();
      const failure = /JONGODB_START_FAILURE=(.*)/.exec(output);
      if (failure) return fail(failure[1] ?? "unknown");
      const uri = /JONGODB_URI=(\S+)/.exec(output);
      if (uri?.[1]) {
        settled = true;
        clearTimeout(timer);
        resolve(uri[1]);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("error", (error) => fail(error.message));
    child.once("exit", (code, signal) => fail(`exited (${signal ?? code}). Output: ${output.trim()}`));
  });
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const killTimer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(killTimer);
}
