import type { components, operations } from "./generated/openapi.generated";

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
/** Query parameters of GET /v2/event-types and GET /v2/teams/{teamId}/event-types. */
export type UserEventTypesQuery = NonNullable<operations["EventTypesController_2024_06_14_getEventTypes"]["parameters"]["query"]>;
export type TeamEventTypesQuery = NonNullable<operations["TeamsEventTypesController_getTeamEventTypes"]["parameters"]["query"]>;

/** The version of Cal.com's event-type API that every request is written for. */
export const CALCOM_API_VERSION = "2024-06-14";
