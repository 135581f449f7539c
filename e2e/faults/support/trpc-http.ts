/** What a tRPC call over HTTP came back with: the HTTP status and the procedure's data or error. */
export interface TrpcAnswer<T> {
  status: number;
  data?: T;
  error?: { message: string; data?: { code?: string; httpStatus?: number } };
}

/**
 * A signed-in admin talking to the api over HTTP as the SPA does (tRPC's JSON wire format, the
 * session cookie, a same-origin request), so a fault test goes through the real Express app.
 */
export class ApiSession {
  private cookie = "";

  constructor(readonly baseUrl: string) {}

  async signIn(email: string, password: string): Promise<void> {
    const answer = await this.mutation("auth.signIn", { email, password });
    if (answer.status !== 200) throw new Error(`sign-in as ${email} failed with ${answer.status}: ${answer.error?.message}`);
  }

  query<T>(path: string, input?: unknown): Promise<TrpcAnswer<T>> {
    const search = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.call<T>(`${this.baseUrl}/trpc/${path}${search}`, { method: "GET" });
  }

  mutation<T>(path: string, input: unknown): Promise<TrpcAnswer<T>> {
    return this.call<T>(`${this.baseUrl}/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(input),
    });
  }

  private async call<T>(url: string, init: RequestInit): Promise<TrpcAnswer<T>> {
    const response = await fetch(url, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), origin: this.baseUrl, ...(this.cookie ? { cookie: this.cookie } : {}) },
      signal: AbortSignal.timeout(30_000),
    });
    const setCookie = response.headers.getSetCookie().find((cookie) => cookie.startsWith("askpro_session="));
    if (setCookie) this.cookie = setCookie.split(";")[0] ?? "";
    const body = (await response.json().catch(() => ({}))) as { result?: { data?: T }; error?: TrpcAnswer<T>["error"] };
    return { status: response.status, data: body.result?.data, error: body.error };
  }
}
