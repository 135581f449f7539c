import type { SpecValidator } from "../spec/validator";
import { applyEventTypeInput, buildEventType, type StoredEventType } from "./event-type-record";
import type { FixtureTeam, FixtureUser, SandboxFixture } from "./fixture";

/** Who owns an event type: a user (user paths) or a team (team paths). */
export type Owner = { userId: number } | { teamId: number };

function ownedBy(eventType: StoredEventType, owner: Owner): boolean {
  if ("teamId" in owner) return "teamId" in eventType && eventType.teamId === owner.teamId;
  return "ownerId" in eventType && eventType.ownerId === owner.userId;
}

/**
 * Ids for created event types, like a database sequence: increasing, above every fixture id, and never
 * handed out twice, also not after a delete or a reset of the state (the sequence outlives it).
 */
export class EventTypeIds {
  private next: number;

  constructor(fixture: SandboxFixture) {
    this.next = Math.max(0, ...fixture.eventTypes.map((eventType) => eventType.id)) + 1;
  }

  take(): number {
    return this.next++;
  }
}

/** Cal.com's data for the sandbox, in memory. */
export class SandboxState {
  private readonly users = new Map<number, FixtureUser>();
  private readonly teams = new Map<number, FixtureTeam>();
  private readonly apiKeys = new Map<string, number>();
  private readonly eventTypes = new Map<number, StoredEventType>();

  constructor(
    fixture: SandboxFixture,
    private readonly outputValidator: SpecValidator,
    private readonly ids: EventTypeIds = new EventTypeIds(fixture),
  ) {
    for (const user of fixture.users) this.users.set(user.id, structuredClone(user));
    for (const team of fixture.teams) this.teams.set(team.id, structuredClone(team));
    for (const { key, userId } of fixture.apiKeys) this.addApiKey(key, userId);
    for (const entry of fixture.eventTypes) {
      this.eventTypes.set(entry.id, buildEventType(entry, entry.teamId === undefined ? undefined : this.teams.get(entry.teamId)));
    }
  }

  addApiKey(key: string, userId: number): void {
    if (!this.users.has(userId)) throw new Error(`Cal.com sandbox has no user ${userId} to own an API key`);
    this.apiKeys.set(key, userId);
  }

  userForApiKey(key: string): FixtureUser | undefined {
    const userId = this.apiKeys.get(key);
    return userId === undefined ? undefined : this.users.get(userId);
  }

  isTeamMember(userId: number, teamId: number): boolean {
    return this.users.get(userId)?.teamIds.includes(teamId) ?? false;
  }

  userByUsername(username: string): FixtureUser | undefined {
    return [...this.users.values()].find((user) => user.username === username);
  }

  get eventTypeCount(): number {
    return this.eventTypes.size;
  }

  list(owner: Owner): StoredEventType[] {
    return [...this.eventTypes.values()].filter((eventType) => ownedBy(eventType, owner));
  }

  /** The event type if `owner` owns it: Cal.com does not tell "missing" from "someone else's". */
  find(id: number, owner: Owner): StoredEventType | undefined {
    const eventType = this.eventTypes.get(id);
    return eventType && ownedBy(eventType, owner) ? eventType : undefined;
  }

  exists(id: number): boolean {
    return this.eventTypes.has(id);
  }

  /** Copies of every event type, e.g. for a test that counts what a retry left behind. */
  all(): StoredEventType[] {
    return [...this.eventTypes.values()].map((eventType) => structuredClone(eventType));
  }

  peek(id: number): StoredEventType | undefined {
    const eventType = this.eventTypes.get(id);
    return eventType && structuredClone(eventType);
  }

  slugTaken(owner: Owner, slug: string, exceptId?: number): boolean {
    // Every PATCH asks this; a bulk run holds thousands of event types, so no list is built for it.
    for (const eventType of this.eventTypes.values()) {
      if (eventType.slug === slug && eventType.id !== exceptId && ownedBy(eventType, owner)) return true;
    }
    return false;
  }

  create(owner: Owner, input: Record<string, unknown> & { title: string; slug: string; lengthInMinutes: number }): StoredEventType {
    const id = this.ids.take();
    const base = { id, title: input.title, slug: input.slug, lengthInMinutes: input.lengthInMinutes };
    const entry =
      "teamId" in owner
        ? { ...base, teamId: owner.teamId, schedulingType: input.schedulingType as "collective" | "roundRobin" | "managed" }
        : { ...base, ownerId: owner.userId };
    const team = "teamId" in owner ? this.teams.get(owner.teamId) : undefined;
    const eventType = buildEventType(entry, team);
    applyEventTypeInput(eventType, input, this.outputValidator);
    this.eventTypes.set(id, eventType);
    return eventType;
  }

  update(eventType: StoredEventType, input: Record<string, unknown>): StoredEventType {
    applyEventTypeInput(eventType, input, this.outputValidator);
    return eventType;
  }

  delete(id: number): void {
    this.eventTypes.delete(id);
  }
}
