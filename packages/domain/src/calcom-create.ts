/**
 * "Create in Cal.com": the service as the body of POST /v2/event-types (CreateEventTypeInput_2024_06_14)
 * or POST /v2/teams/{teamId}/event-types (CreateTeamEventTypeInput_2024_06_14). The fields are the
 * sync's (mapServiceToEventTypeUpdate), so a created event type holds exactly what a sync would send.
 */
import { type CalcomEventTypeUpdate, mapServiceToEventTypeUpdate, type SyncableService } from "./calcom-mapping";

/**
 * How a team event type assigns its bookings among the team's members: Cal.com's `schedulingType`
 * (round robin: one host per booking, in turn; collective: every host at once). Every team member
 * is a host (`assignAllTeamMembers`). A company setting with a default, which a service may override.
 */
export const CALCOM_ASSIGNMENTS = ["roundRobin", "collective"] as const;
export type CalcomAssignment = (typeof CALCOM_ASSIGNMENTS)[number];
export const DEFAULT_CALCOM_ASSIGNMENT: CalcomAssignment = "roundRobin";

/** The assignment a service's create uses: its own when set, else the company's. */
export function effectiveAssignment(service: { calcomAssignment: CalcomAssignment | null }, company: { calcomAssignment: CalcomAssignment }): CalcomAssignment {
  return service.calcomAssignment ?? company.calcomAssignment;
}

/** The create body on the user path: the sync's fields. */
export type CalcomEventTypeCreate = CalcomEventTypeUpdate;

/** On the team path Cal.com also needs who is booked: a scheduling type, and hosts or every member (not both). */
export interface CalcomTeamEventTypeCreate extends CalcomEventTypeUpdate {
  schedulingType: CalcomAssignment;
  assignAllTeamMembers: true;
}

export function mapServiceToEventTypeCreate(service: SyncableService): CalcomEventTypeCreate;
export function mapServiceToEventTypeCreate(service: SyncableService, team: { assignment: CalcomAssignment }): CalcomTeamEventTypeCreate;
export function mapServiceToEventTypeCreate(service: SyncableService, team?: { assignment: CalcomAssignment }): CalcomEventTypeCreate | CalcomTeamEventTypeCreate {
  const fields = mapServiceToEventTypeUpdate(service);
  return team === undefined ? fields : { ...fields, schedulingType: team.assignment, assignAllTeamMembers: true };
}
