import type { UserRole } from "../entities/user";
import { asReturned, compiledOnce, type SlotOf } from "../kysely";
import type { EntityManager } from "../orm";

/** A session and the user behind it, as a signed-in call needs them. */
export interface SessionWithUser {
  user: {
    id: string;
    email: string;
    role: UserRole;
    /** null = platform operator. */
    company: { id: string; name: string; slug: string } | null;
  };
  /** Epoch milliseconds. */
  expiresAt: number;
  lastSeenAt: number;
}

/**
 * Every signed-in call pays this lookup, so it is one plain statement: managed Session, User and Company
 * entities cost about half of a cheap call's CPU and nothing here needs change tracking.
 * `id` is the sessions table's key (the hash of the cookie token); undefined when there is no such session.
 */
const sessionWithUser = compiledOnce((kysely, slot: SlotOf<{ id: string }>) =>
  kysely
    .selectFrom("sessions as se")
    .innerJoin("users as u", "u.id", "se.user_id")
    .leftJoin("companies as c", "c.id", "u.company_id")
    .select(["se.expires_at", "se.last_seen_at", "u.id as user_id", "u.email", "u.role", "c.id as company_id", "c.name as company_name", "c.slug as company_slug"])
    .where("se.id", "=", slot("id"))
    .$call(asReturned()),
);

export async function findSessionWithUser(em: EntityManager, id: string): Promise<SessionWithUser | undefined> {
  const [row] = await sessionWithUser(em, { id });
  if (!row) return undefined;
  const platform = em.getPlatform();
  const epochMs = (value: string) => (platform.parseDate(value) as Date).getTime();
  const { company_id, company_name, company_slug } = row;
  return {
    user: {
      id: row.user_id,
      email: row.email,
      role: row.role,
      company: company_id === null || company_name === null || company_slug === null ? null : { id: company_id, name: company_name, slug: company_slug },
    },
    expiresAt: epochMs(row.expires_at),
    lastSeenAt: epochMs(row.last_seen_at),
  };
}
