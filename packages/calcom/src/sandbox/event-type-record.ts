import { namedSchema, resolveSchema } from "../spec/spec";
import type { SpecValidator } from "../spec/validator";
import type { EventTypeOutput, TeamEventTypeOutput } from "../types";
import type { FixtureEventType, FixtureTeam } from "./fixture";

export type StoredEventType = EventTypeOutput | TeamEventTypeOutput;

/**
 * What Cal.com answers for fields an event type was created without. Lists whose items the spec types
 * unlike Cal.com's real values (booking fields, users, hosts) stay empty so that every answer matches it.
 */
const DEFAULTS = {
  description: "",
  locations: [{ type: "organizersDefaultApp" }],
  bookingFields: [],
  disableGuests: false,
  slotInterval: null,
  minimumBookingNotice: 120,
  beforeEventBuffer: 0,
  afterEventBuffer: 0,
  recurrence: null,
  metadata: {},
  price: 0,
  currency: "usd",
  lockTimeZoneToggleOnBookingPage: false,
  seatsPerTimeSlot: null,
  forwardParamsSuccessRedirect: null,
  successRedirectUrl: null,
  isInstantEvent: false,
  seatsShowAvailabilityCount: false,
  scheduleId: null,
  onlyShowFirstAvailableSlot: false,
  bookingWindow: [],
  bookerLayouts: { defaultLayout: "month", enabledLayouts: ["month", "week", "column"] },
  confirmationPolicy: { disabled: true },
  requiresBookerEmailVerification: false,
  hideCalendarNotes: false,
  offsetStart: 0,
  customName: "",
  useDestinationCalendarEmail: false,
  hideCalendarEventDetails: false,
  hideOrganizerEmail: false,
  hidden: false,
  bookingRequiresAuthentication: false,
} as const;

export function teamOutput(team: FixtureTeam): TeamEventTypeOutput["team"] {
  return {
    id: team.id,
    slug: team.slug,
    name: team.name,
    bannerUrl: "",
    logoUrl: "",
    weekStart: "Monday",
    brandColor: "#292929",
    darkBrandColor: "#fafafa",
    theme: "light",
  };
}

export function buildEventType(entry: FixtureEventType, team: FixtureTeam | undefined): StoredEventType {
  const { teamId, ownerId, id, title, slug, lengthInMinutes, ...fields } = entry;
  const base = structuredClone({ id, title, slug, lengthInMinutes, ...DEFAULTS, ...fields });
  if (teamId === undefined) return { ...base, ownerId, users: [] } as EventTypeOutput;
  if (!team) throw new Error(`Cal.com sandbox: event type ${entry.id} belongs to unknown team ${teamId}`);
  return {
    ...base,
    teamId,
    parentEventTypeId: null,
    hosts: [],
    assignAllTeamMembers: fields.assignAllTeamMembers ?? false,
    schedulingType: fields.schedulingType ?? "collective",
    team: teamOutput(team),
  } as TeamEventTypeOutput;
}

const isDisabled = (value: unknown) => typeof value === "object" && value !== null && (value as { disabled?: unknown }).disabled === true;
const REMOVE = Symbol("remove");

/** Input fields whose output form differs from what was sent. */
function toOutputValue(key: string, value: unknown): unknown {
  switch (key) {
    case "lengthInMinutesOptions":
      return Array.isArray(value) ? value.map(Number) : value;
    case "recurrence":
      return isDisabled(value) ? null : value;
    case "seats":
      return isDisabled(value) ? REMOVE : value;
    case "bookingWindow":
      return isDisabled(value) ? [] : [value];
    default:
      return value;
  }
}

/**
 * Applies validated input to a stored event type. A field is reflected where the spec's output schema
 * can hold it; the few it cannot (a numeric slotInterval, host objects, booking fields) are accepted
 * but not echoed, so every answer still matches the spec.
 */
export function applyEventTypeInput(target: StoredEventType, input: Record<string, unknown>, validator: SpecValidator): void {
  const outputSchema = namedSchema("teamId" in target ? "TeamEventTypeOutput_2024_06_14" : "EventTypeOutput_2024_06_14");
  const properties = resolveSchema(outputSchema).properties ?? {};
  const record = target as unknown as Record<string, unknown>;
  for (const [key, raw] of Object.entries(input)) {
    const value = toOutputValue(key, raw);
    if (value === REMOVE) {
      delete record[key];
      continue;
    }
    const schema = properties[key];
    if (schema && key !== "id" && validator.validate(value, schema).ok) record[key] = structuredClone(value);
  }
}
