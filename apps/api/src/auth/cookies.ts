import type { Request, Response } from "express";
import { parseCookie, type SetCookie, stringifySetCookie } from "cookie";

/** The two cookie operations procedures need, so they run the same over HTTP and in caller tests. */
export interface CookieJar {
  get(name: string): string | undefined;
  set(cookie: SetCookie): void;
}

export function expressCookieJar(req: Request, res: Response): CookieJar {
  const cookies = parseCookie(req.headers.cookie ?? "");
  return {
    get: (name) => cookies[name],
    set: (cookie) => {
      res.append("Set-Cookie", stringifySetCookie(cookie));
    },
  };
}
