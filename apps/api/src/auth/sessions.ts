import { type EntityManager, findSessionWithUser, Session, type User, type UserRole } from "@askpro/db";
import type { CookieJar } from "./cookies";
import type { SessionCache } from "./session-cache";
import { LAST_SEEN_RESOLUTION_MS, newSessionToken, SESSION_COOKIE, SESSION_LIFETIME_MS, sessionIdFor } from "./session-token";

export interface CookiePolicy {
  secure: boolean;
}

/** The user behind a session, as the procedures need it: read once per request, never changed through it. */
export interface SignedInUser {
  id: string;
  email: string;
  role: UserRole;
  /** null = platform operator, who sees every company. */
  company: { id: string; name: string; slug: string } | null;
}

export interface ActiveSession {
  /** sha256 (hex) of the cookie token, the sessions table's key. */
  id: string;
  user: SignedInUser;
  /** Epoch milliseconds. */
  expiresAt: number;
  lastSeenAt: number;
}

/** One plain statement: see findSessionWithUser. */
async function readSession(em: EntityManager, id: string): Promise<ActiveSession | null> {
  const found = await findSessionWithUser(em, id);
  return found ? { id, ...found } : null;
}

/**
 * The signed-in user's session behind the request's cookie, or null; expired sessions are deleted.
 * With a cache, a session resolved a moment ago is not read again (see SessionCache for what that means).
 */
export async function resolveSession(em: EntityManager, cookies: CookieJar, cache?: SessionCache): Promise<ActiveSession | null> {
  const token = cookies.get(SESSION_COOKIE);
  if (!token) return null;
  const id = sessionIdFor(token);
  let session = cache?.get(id);
  if (!session) {
    const stamp = cache?.stamp() ?? 0;
    const read = await readSession(em, id);
    if (!read) return null;
    cache?.set(id, read, stamp);
    session = read;
  }
  const now = Date.now();
  if (session.expiresAt <= now) {
    cache?.invalidate(id);
    await em.nativeDelete(Session, { id });
    return null;
  }
  if (now - session.lastSeenAt >= LAST_SEEN_RESOLUTION_MS) {
    // Before the write, so concurrent calls on a cached session do not each write it.
    session.lastSeenAt = now;
    await em.nativeUpdate(Session, { id }, { lastSeenAt: new Date(now) });
  }
  return session;
}

/** A new random token at every sign-in (no session fixation); the previous session, if any, ends. */
export async function startSession(
  em: EntityManager,
  cookies: CookieJar,
  user: User,
  previous: ActiveSession | null,
  policy: CookiePolicy,
  cache?: SessionCache,
): Promise<void> {
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
  if (previous) em.remove(em.getReference(Session, previous.id));
  em.create(Session, { id: sessionIdFor(token), user, expiresAt });
  await em.flush();
  if (previous) cache?.invalidate(previous.id);
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
}

export async function endSession(
  em: EntityManager,
  cookies: CookieJar,
  session: ActiveSession | null,
  policy: CookiePolicy,
  cache?: SessionCache,
): Promise<void> {
  if (session) {
    await em.nativeDelete(Session, { id: session.id });
    // After the delete: a read racing with it is either before it (and not cached, see stamp()) or finds nothing.
    cache?.invalidate(session.id);
  }
  cookies.set({ name: SESSION_COOKIE, value: "", httpOnly: true, sameSite: "lax", secure: policy.secure, path: "/", maxAge: 0 });
}
