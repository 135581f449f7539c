import type { ServiceDto, ServiceList, SyncOutcome } from "@askpro/api";
import { ADMIN_EMAIL } from "./catalogue";

export const DEMO_PASSWORD = "askpro-demo";

/**
 * The api over HTTP as the SPA's tRPC client calls it (no batching): queries as GET with the input
 * in the query string, mutations as POST with a JSON body, the session in a cookie.
 */
export class ApiClient {
  cookie = "";

  constructor(readonly url: string) {}

  static async signedIn(url: string, email = ADMIN_EMAIL): Promise<ApiClient> {
    const client = new ApiClient(url);
    const response = await fetch(`${url}/trpc/auth.signIn`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: DEMO_PASSWORD }),
    });
    if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
    const setCookie = response.headers.getSetCookie()[0];
    if (!setCookie) throw new Error("sign-in set no cookie");
    client.cookie = setCookie.split(";")[0] as string;
    return client;
  }

  /** The path and headers of a query request, for load generators. */
  queryRequest(path: string, input: unknown): { path: string; headers: Record<string, string> } {
    const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return { path: `/trpc/${path}${query}`, headers: { cookie: this.cookie } };
  }

  async query<T>(path: string, input: unknown): Promise<T> {
    const request = this.queryRequest(path, input);
    return this.#read<T>(path, await fetch(`${this.url}${request.path}`, { headers: request.headers }));
  }

  async mutate<T>(path: string, input: unknown): Promise<T> {
    const response = await fetch(`${this.url}/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: this.cookie },
      body: JSON.stringify(input),
    });
    return this.#read<T>(path, response);
  }

  sync(id: string): Promise<SyncOutcome> {
    return this.mutate<SyncOutcome>("service.sync", { id });
  }

  byId(id: string): Promise<ServiceDto> {
    return this.query<ServiceDto>("service.byId", { id });
  }

  list(input: Record<string, unknown>): Promise<ServiceList> {
    return this.query<ServiceList>("service.list", input);
  }

  async #read<T>(path: string, response: Response): Promise<T> {
    const body = (await response.json()) as { result?: { data: T }; error?: { message: string } };
    if (!response.ok || !body.result) throw new Error(`${path}: ${response.status} ${body.error?.message ?? ""}`);
    return body.result.data;
  }
}
