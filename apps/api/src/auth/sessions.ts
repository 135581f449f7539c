import { type EntityManager, Session, type User } from "@askpro/db";
import type { CookieJar } from "./cookies";
import { LAST_SEEN_RESOLUTION_MS, newSessionToken, SESSION_COOKIE, SESSION_LIFETIME_MS, sessionIdFor } from "./session-token";

export interface CookiePolicy {
  secure: boolean;
}

/** The signed-in user behind the request's cookie, or null; expired sessions are deleted. */
export async function resolveSession(em: EntityManager, cookies: CookieJar): Promise<Session | null> {
  const token = cookies.get(SESSION_COOKIE);
  if (!token) return null;
  const session = await em.findOne(Session, { id: sessionIdFor(token) }, { populate: ["user.company"] });
  if (!session) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now) {
    await em.remove(session).flush();
    return null;
  }
  if (now - session.lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS) {
    session.lastSeenAt = new Date(now);
    await em.flush();
  }
  return session;
}

/** A new random token at every sign-in (no session fixation); the previous session, if any, ends. */
export async function startSession(
  em: EntityManager,
  cookies: CookieJar,
  user: User,
  previous: Session | null,
  policy: CookiePolicy,
): Promise<Session> {
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
  if (previous) em.remove(previous);
  const session = em.create(Session, { id: sessionIdFor(token), user, expiresAt });
  await em.flush();
  cookies.set({
    name: SESSION_COOKIE,
    value: token,
    httpOnly: true,
    sameSite: "lax",
    secure: policy.secure,
    path: "/",
    expires: expiresAt,
    maxAge: Math.floor(SESSION_LIFETIME_MS / 1000),
  });
  return session;
}

export async function endSession(em: EntityManager, cookies: CookieJar, session: Session | null, policy: CookiePolicy): Promise<void> {
  if (session) await em.remove(session).flush();
  cookies.set({ name: SESSION_COOKIE, value: "", httpOnly: true, sameSite: "lax", secure: policy.secure, path: "/", maxAge: 0 });
}
