import { SYNC_REASON_CODES, type SyncReason } from "@askpro/domain";
import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { de } from "../../i18n/de";
import { en } from "../../i18n/en";
import { syncReasonText } from "./sync-reason-text";

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ resources: { en: { translation: en }, de: { translation: de } }, lng: "en", fallbackLng: false, interpolation: { escapeValue: false } });
});
const inLanguage = (language: "en" | "de") => i18n.getFixedT(language);

const unapplied: SyncReason = {
  code: "unapplied_fields",
  fields: [
    { field: "minimumBookingNotice", sent: 120, calcom: 0 },
    { field: "hidden", sent: false, calcom: true },
    { field: "title", sent: "Neu", calcom: "" },
  ],
};

describe("syncReasonText", () => {
  it.each<[SyncReason, string, string]>([
    [
      unapplied,
      "Cal.com did not apply: Minimum booking notice (sent 120, Cal.com has 0), Hidden from the booking page (sent no, Cal.com has yes), Name (sent “Neu”, Cal.com has (empty))",
      "Cal.com hat nicht übernommen: Mindestvorlaufzeit (gesendet 120, in Cal.com 0), Auf der Buchungsseite ausgeblendet (gesendet nein, in Cal.com ja), Name (gesendet „Neu“, in Cal.com (leer))",
    ],
    [{ code: "event_type_not_found", status: 404, eventTypeId: 3664716 }, "Event type 3664716 not found in Cal.com (404)", "Ereignistyp 3664716 wurde in Cal.com nicht gefunden (404)"],
    [
      { code: "calcom_rejected", status: 400, message: "Team event type with this slug already exists" },
      "Cal.com rejected the data: Team event type with this slug already exists (400)",
      "Cal.com hat die Daten abgelehnt: Team event type with this slug already exists (400)",
    ],
    [{ code: "calcom_rejected", status: 422, message: null }, "Cal.com rejected the data: no reason given (422)", "Cal.com hat die Daten abgelehnt: ohne Begründung (422)"],
    [
      { code: "calcom_timeout", gaveUpAfter: 5 },
      "Cal.com did not answer in time (timeout) – gave up after 5 attempts",
      "Cal.com hat nicht rechtzeitig geantwortet (Zeitüberschreitung) – nach 5 Versuchen aufgegeben",
    ],
    [{ code: "rate_limited", status: 429 }, "Cal.com's rate limit was reached (429)", "Das Anfragelimit von Cal.com ist erreicht (429)"],
    [{ code: "calcom_bad_response", status: null }, "Cal.com returned an unreadable answer", "Cal.com hat eine unlesbare Antwort geliefert"],
    [
      { code: "values_not_expressible", fields: [{ field: "minimumBookingNotice", sent: 120, calcom: 0 }] },
      "Cal.com holds values a service cannot express: Minimum booking notice (the service sends 120, Cal.com has 0). Sync to send the service's",
      "Cal.com enthält Werte, die eine Dienstleistung nicht abbilden kann: Mindestvorlaufzeit (die Dienstleistung sendet 120, in Cal.com 0). Synchronisieren Sie, um die der Dienstleistung zu senden",
    ],
  ])("words %j in English and German", (reason, english, german) => {
    expect(syncReasonText(reason, "stored text", inLanguage("en"))).toBe(english);
    expect(syncReasonText(reason, "stored text", inLanguage("de"))).toBe(german);
  });

  it("words every code in both languages, never showing a key", () => {
    for (const code of SYNC_REASON_CODES) {
      const reason = { code, status: 500, eventTypeId: 1, message: "m", fields: [], slug: "s", title: null } as unknown as SyncReason;
      const english = syncReasonText(reason, null, inLanguage("en"));
      const german = syncReasonText(reason, null, inLanguage("de"));
      expect(english).toBeTruthy();
      expect(german).toBeTruthy();
      expect(german).not.toBe(english);
      expect(`${english} ${german}`).not.toContain("syncReason.");
    }
  });

  it("shows the stored text for a row from before codes, or a code it does not know", () => {
    expect(syncReasonText(null, "Cal.com had a server error (500)", inLanguage("de"))).toBe("Cal.com had a server error (500)");
    expect(syncReasonText({ code: "from_a_newer_api" } as unknown as SyncReason, "Newer text", inLanguage("de"))).toBe("Newer text");
    expect(syncReasonText(null, null, inLanguage("de"))).toBeNull();
  });
});
