import { type EntityManager, Session, type User, type UserRole } from "@askpro/db";
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

interface SessionRow {
  expires_at: string;
  last_seen_at: string;
  user_id: string;
  email: string;
  role: UserRole;
  company_id: string | null;
  /** Set whenever company_id is (a foreign key). */
  company_name: string;
  company_slug: string;
}

/**
 * Every signed-in call pays this lookup, so it is one plain statement: managed Session, User and Company
 * entities cost about half of a cheap call's CPU and nothing here needs change tracking.
 */
async function readSession(em: EntityManager, id: string): Promise<ActiveSession | null> {
  const [row] = await em.execute<SessionRow[]>(
    `select se.expires_at, se.last_seen_at, u.id as user_id, u.email, u.role, c.id as company_id, c.name as company_name, c.slug as company_slug
     from sessions as se join users as u on u.id = se.user_id left join companies as c on c.id = u.company_id
     where se.id = ?`,
    [id],
  );
  if (!row) return null;
  const platform = em.getPlatform();
  const epochMs = (value: string) => (platform.parseDate(value) as Date).getTime();
  return {
    id,
    user: {
      id: row.user_id,
      email: row.email,
      role: row.role,
      company: row.company_id === null ? null : { id: row.company_id, name: row.company_name, slug: row.company_slug },
    },
    expiresAt: epochMs(row.expires_at),
    lastSeenAt: epochMs(row.last_seen_at),
  };
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
