import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import pino from "pino";
import { type AppOptions, createApp } from "../../src/app";
import { connectJobsOnDemand, type JobsConnection } from "../../src/jobs";
import { type Logger, REDACTED_PATHS } from "../../src/logger";

export interface ListeningApp {
  url: string;
  close(): Promise<void>;
}

/** The api over real HTTP on a free port; jobs in the app's database unless the options bring a job store. */
export async function listen(options: Omit<AppOptions, "jobs"> & { jobs?: JobsConnection }): Promise<ListeningApp> {
  const jobs = options.jobs ?? connectJobsOnDemand({ databaseUrl: options.env.DATABASE_URL, onError: () => undefined });
  const server: Server = await new Promise((resolve) => {
    const started = createApp({ ...options, jobs }).listen(0, "127.0.0.1", () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise((resolve) => server.close(() => resolve(undefined)));
      await jobs.stop();
    },
  };
}

/** A logger like the api's (same redaction), writing every line into memory to search what got logged. */
export function capturingLogger(level: pino.Level = "info"): { logger: Logger; lines: string[]; text(): string } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } }, stream), lines, text: () => lines.join("") };
}

export interface TrpcErrorBody {
  error: { message: string; code: number; data: { code: string; httpStatus: number; path: string | null; zodIssues: { path: (string | number)[]; message: string }[] | null } };
}

export async function bodyOf<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

/** The session cookie (name=value) a sign-in over HTTP sets. */
export async function signInOverHttp(baseUrl: string, email: string, password: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await postJson(`${baseUrl}/trpc/auth.signIn`, { email, password }, headers);
  if (response.status !== 200) throw new Error(`sign-in as ${email} answered ${response.status}`);
  return response.headers.get("set-cookie")?.split(";")[0] ?? "";
}
