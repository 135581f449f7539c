import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { EventTypeOutput, TeamEventTypeOutput } from "../types";

export interface FixtureUser {
  id: number;
  username: string;
  email: string;
  timeZone: string;
  defaultScheduleId: number | null;
  teamIds: number[];
}

export interface FixtureTeam {
  id: number;
  name: string;
  slug: string;
}

type EventTypeFields = Partial<Omit<EventTypeOutput, "id" | "ownerId" | "users">> &
  Partial<Pick<TeamEventTypeOutput, "schedulingType" | "assignAllTeamMembers">>;

/** An event type as the fixture states it: what it differs in from Cal.com's defaults, and its owner. */
export type FixtureEventType = EventTypeFields & {
  id: number;
  title: string;
  slug: string;
  lengthInMinutes: number;
} & ({ teamId: number; ownerId?: undefined } | { ownerId: number; teamId?: undefined });

export interface SandboxFixture {
  users: FixtureUser[];
  apiKeys: Array<{ key: string; userId: number }>;
  teams: FixtureTeam[];
  eventTypes: FixtureEventType[];
}

export const DEFAULT_FIXTURE_PATH = resolve(import.meta.dirname, "fixture.json");

export function loadFixture(path = DEFAULT_FIXTURE_PATH): SandboxFixture {
  const fixture = JSON.parse(readFileSync(path, "utf8")) as SandboxFixture;
  for (const list of ["users", "apiKeys", "teams", "eventTypes"] as const) {
    if (!Array.isArray(fixture[list])) throw new Error(`Cal.com sandbox fixture ${path} has no "${list}" list`);
  }
  return fixture;
}
