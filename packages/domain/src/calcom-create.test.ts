import { describe, expect, it } from "vitest";
import { effectiveAssignment, mapServiceToEventTypeCreate } from "./calcom-create";
import { mapServiceToEventTypeUpdate, type SyncableService } from "./calcom-mapping";
import { describeSyncReason } from "./sync-reason";
import { applySyncTransition, canApplySyncTransition } from "./sync-status";

const service: SyncableService = {
  name: "Rückruf-Service",
  slug: "rueckruf-service",
  description: "Wir rufen zurück.",
  durationMinutes: 15,
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 5,
  minimumBookingNoticeMinutes: 60,
  isActive: false,
  requiresConfirmation: true,
  disableGuests: true,
  priceCents: 0,
  currency: "EUR",
};

describe("mapServiceToEventTypeCreate", () => {
  it("sends on the user path exactly the sync's fields", () => {
    expect(mapServiceToEventTypeCreate(service)).toEqual(mapServiceToEventTypeUpdate(service));
  });

  it("adds on the team path the scheduling type and every member as host, never hosts", () => {
    const body = mapServiceToEventTypeCreate(service, { assignment: "collective" });
    expect(body).toEqual({ ...mapServiceToEventTypeUpdate(service), schedulingType: "collective", assignAllTeamMembers: true });
    expect(body).not.toHaveProperty("hosts");
  });

  it("takes the service's own assignment over the company's default", () => {
    expect(effectiveAssignment({ calcomAssignment: null }, { calcomAssignment: "collective" })).toBe("collective");
    expect(effectiveAssignment({ calcomAssignment: "roundRobin" }, { calcomAssignment: "collective" })).toBe("roundRobin");
  });
});

describe("the create's transitions", () => {
  it("requests a create only from never or error, and never while a job is pending", () => {
    expect(applySyncTransition("requestCreate", "never")).toBe("pending");
    expect(applySyncTransition("requestCreate", "error")).toBe("pending");
    expect(canApplySyncTransition("requestCreate", "pending")).toBe(false);
    expect(canApplySyncTransition("requestCreate", "synced")).toBe(false);
  });

  it("ends a create linked, synced or (fields not applied) in error, only from pending", () => {
    expect(applySyncTransition("linkCreated", "pending")).toBe("synced");
    expect(applySyncTransition("linkCreatedNotApplied", "pending")).toBe("error");
    for (const from of ["never", "synced", "error"] as const) {
      expect(canApplySyncTransition("linkCreated", from)).toBe(false);
      expect(canApplySyncTransition("linkCreatedNotApplied", from)).toBe(false);
    }
  });
});

describe("slug_taken", () => {
  it("names the event type that holds the slug, or only the slug when Cal.com did not say", () => {
    expect(describeSyncReason({ code: "slug_taken", slug: "beratung", eventTypeId: 42, title: "Beratung" })).toBe(
      "Cal.com event type 42 (“Beratung”) already has the slug \"beratung\" and was not created for this service. Link it instead, or change the slug",
    );
    expect(describeSyncReason({ code: "slug_taken", slug: "beratung", eventTypeId: null, title: null })).toContain('the slug "beratung"');
  });
});
