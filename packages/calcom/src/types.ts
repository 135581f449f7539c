import type { components } from "./generated/openapi.generated";

type Schemas = components["schemas"];

export type EventTypeOutput = Schemas["EventTypeOutput_2024_06_14"];
export type TeamEventTypeOutput = Schemas["TeamEventTypeOutput_2024_06_14"];
/** An event type as Cal.com returns it: user-owned or team-owned. */
export type CalcomEventType = EventTypeOutput | TeamEventTypeOutput;
export type CreateEventTypeInput = Schemas["CreateEventTypeInput_2024_06_14"];
export type CreateTeamEventTypeInput = Schemas["CreateTeamEventTypeInput_2024_06_14"];
export type UpdateEventTypeInput = Schemas["UpdateEventTypeInput_2024_06_14"];
export type UpdateTeamEventTypeInput = Schemas["UpdateTeamEventTypeInput_2024_06_14"];
export type CalcomMe = Schemas["MeOutput"];

/** The version of Cal.com's event-type API that every request is written for. */
export const CALCOM_API_VERSION = "2024-06-14";
