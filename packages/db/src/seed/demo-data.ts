import type { ServiceInput, SyncReason, SyncStatus } from "@askpro/domain";
import type { UserRole } from "../entities/user";

/** Demo data for development and tests (never production). The Cal.com sandbox fixture mirrors it. */
export const DEMO_PASSWORD = "askpro-demo";

export interface DemoService extends ServiceInput {
  syncStatus: SyncStatus;
  /** Why its last sync failed; the text beside it is describeSyncReason's. */
  syncReason?: SyncReason;
}

export interface DemoCompany {
  name: string;
  slug: string;
  calcomTeamId: number | null;
  /** The company's own Cal.com key (the sandbox's); without one the company uses the global CALCOM_API_KEY. */
  calcomApiKey?: string;
  users: { email: string; role: UserRole }[];
  services: DemoService[];
}

const defaults = {
  description: "",
  bufferBeforeMinutes: 0,
  bufferAfterMinutes: 0,
  minimumBookingNoticeMinutes: 120,
  currency: "EUR",
  isActive: true,
  requiresConfirmation: false,
  disableGuests: false,
} satisfies Partial<DemoService>;

/** Platform operators: users without a company, who see and steer every company (and Agendash at /admin/jobs). */
export const DEMO_OPERATORS: readonly { email: string; role: UserRole }[] = [{ email: "operator@askpro.test", role: "owner" }];

export const DEMO_COMPANIES: readonly DemoCompany[] = [
  {
    name: "AskProAI",
    slug: "askproai",
    calcomTeamId: 39203,
    users: [
      { email: "admin@askpro.test", role: "admin" },
      { email: "viewer@askpro.test", role: "viewer" },
    ],
    services: [
      {
        ...defaults,
        name: "15 Minuten Schnellberatung",
        slug: "15-minuten-schnellberatung",
        description: "Kurzes Telefonat zur Klärung einer konkreten Frage.",
        durationMinutes: 15,
        bufferAfterMinutes: 5,
        priceCents: 0,
        calcomEventTypeId: 3664712,
        syncStatus: "synced",
      },
      {
        ...defaults,
        name: "30 Minuten Erstberatung",
        slug: "30-minuten-erstberatung",
        description: "Erstgespräch: wir besprechen Ihr Anliegen und die nächsten Schritte.",
        durationMinutes: 30,
        bufferAfterMinutes: 10,
        priceCents: 4900,
        calcomEventTypeId: 3664713,
        syncStatus: "synced",
      },
      {
        ...defaults,
        name: "60 Minuten Strategieberatung",
        slug: "60-minuten-strategieberatung",
        description: "Ausführliche Beratung mit Vorbereitung und schriftlicher Zusammenfassung.",
        durationMinutes: 60,
        bufferBeforeMinutes: 10,
        bufferAfterMinutes: 15,
        minimumBookingNoticeMinutes: 1440,
        priceCents: 12900,
        requiresConfirmation: true,
        calcomEventTypeId: 3664714,
        syncStatus: "never",
      },
      {
        ...defaults,
        name: "Vor-Ort-Termin",
        slug: "vor-ort-termin",
        description: "Beratung in unserem Büro, bitte planen Sie etwas Zeit für die Anreise ein.",
        durationMinutes: 90,
        bufferBeforeMinutes: 15,
        bufferAfterMinutes: 15,
        minimumBookingNoticeMinutes: 2880,
        priceCents: 18900,
        disableGuests: true,
        calcomEventTypeId: 3664715,
        syncStatus: "pending",
      },
      {
        ...defaults,
        name: "Folgetermin",
        slug: "folgetermin",
        description: "Fortsetzung einer laufenden Beratung.",
        durationMinutes: 45,
        bufferAfterMinutes: 10,
        priceCents: 6900,
        calcomEventTypeId: 3664716,
        syncStatus: "error",
        syncReason: { code: "event_type_not_found", status: 404, eventTypeId: 3664716 },
      },
      {
        ...defaults,
        name: "Rückruf-Service",
        slug: "rueckruf-service",
        description: "Wir rufen Sie zum gewünschten Zeitpunkt zurück.",
        durationMinutes: 10,
        minimumBookingNoticeMinutes: 60,
        priceCents: 0,
        calcomEventTypeId: null,
        syncStatus: "never",
      },
    ],
  },
  {
    name: "Praxis Nord",
    slug: "praxis-nord",
    calcomTeamId: 39204,
    calcomApiKey: "cal_test_praxis_nord",
    users: [{ email: "admin@praxis-nord.test", role: "admin" }],
    services: [
      {
        ...defaults,
        name: "Erstgespräch Physiotherapie",
        slug: "erstgespraech-physiotherapie",
        description: "Anamnese und Befund vor der ersten Behandlung.",
        durationMinutes: 20,
        priceCents: 0,
        calcomEventTypeId: 3664801,
        syncStatus: "synced",
      },
      {
        ...defaults,
        name: "Krankengymnastik",
        slug: "krankengymnastik",
        description: "Einzelbehandlung nach ärztlicher Verordnung.",
        durationMinutes: 30,
        bufferAfterMinutes: 5,
        priceCents: 3500,
        calcomEventTypeId: 3664802,
        syncStatus: "synced",
      },
      {
        ...defaults,
        name: "Manuelle Therapie",
        slug: "manuelle-therapie",
        description: "",
        durationMinutes: 45,
        bufferAfterMinutes: 10,
        priceCents: 5500,
        disableGuests: true,
        calcomEventTypeId: 3664803,
        syncStatus: "never",
      },
    ],
  },
];

export interface DemoEventType {
  id: number;
  teamId: number | null;
  title: string;
  slug: string;
  lengthInMinutes: number;
}

/** The Cal.com event types the demo services link to (what the sandbox must hold). */
export const DEMO_EVENT_TYPES: readonly DemoEventType[] = DEMO_COMPANIES.flatMap((company) =>
  company.services.flatMap((service) =>
    service.calcomEventTypeId === null
      ? []
      : [
          {
            id: service.calcomEventTypeId,
            teamId: company.calcomTeamId,
            title: service.name,
            slug: service.slug,
            lengthInMinutes: service.durationMinutes,
          },
        ],
  ),
);
