import { serviceInput } from "../../src/routers/service/fixtures";

/** Records of company A (AskProAI) that the other company's admin and A's viewer aim at. */
export interface TenantIds {
  companyId: string;
  /** "15 Minuten Schnellberatung": linked to Cal.com and synced, so a sync would be queued. */
  serviceId: string;
  /** Every field of that service as service.update takes it, current version included. */
  serviceUpdate: Record<string, unknown>;
  /** A bulk sync run of company A with no services (cancelling it changes nothing). */
  bulkRunId: string;
}

/** Who may call a procedure. */
export type Access = "public" | "member" | "admin";

export interface ProcedureCase {
  access: Access;
  /** A valid input naming company A's records. */
  input: (a: TenantIds) => unknown;
  /**
   * Set when the input names no record (no UUID field): why another company's admin cannot reach
   * company A through it, and which test shows that.
   */
  noIdBecause?: string;
}

/**
 * Every procedure of the appRouter. tenant-isolation.test.ts fails when a procedure is missing here
 * (so a new one cannot skip the matrix) and hostile-input.test.ts starts from these valid inputs.
 */
export const PROCEDURE_CASES: Record<string, ProcedureCase> = {
  "auth.signIn": {
    access: "public",
    input: () => ({ email: "admin@askpro.test", password: "askpro-demo" }),
    noIdBecause: "signs in whoever owns the credentials (auth.test.ts, sign-in-throttle.test.ts)",
  },
  "auth.signOut": { access: "public", input: () => undefined, noIdBecause: "ends the caller's own session only (auth.test.ts)" },
  "auth.me": { access: "public", input: () => undefined, noIdBecause: "answers the caller's own user only (auth.test.ts)" },
  "company.calcomAssignment.get": { access: "admin", input: (a) => ({ companyId: a.companyId }) },
  "company.calcomAssignment.set": { access: "admin", input: (a) => ({ companyId: a.companyId, assignment: "collective" }) },
  "company.autoSync.get": { access: "admin", input: (a) => ({ companyId: a.companyId }) },
  "company.autoSync.set": { access: "admin", input: (a) => ({ companyId: a.companyId, enabled: true }) },
  "company.calcomKey.get": { access: "admin", input: (a) => ({ companyId: a.companyId }) },
  "company.calcomKey.set": { access: "admin", input: (a) => ({ companyId: a.companyId, apiKey: "cal_live_0123456789abcdef0123456789abcdef" }) },
  "company.calcomKey.clear": { access: "admin", input: (a) => ({ companyId: a.companyId }) },
  "company.calcomConnection.test": { access: "admin", input: (a) => ({ companyId: a.companyId }) },
  "company.calcomDrift.check": { access: "admin", input: (a) => ({ companyId: a.companyId }) },
  "company.calcomDrift.status": { access: "admin", input: (a) => ({ companyId: a.companyId }) },
  "company.syncPause.get": { access: "admin", input: (a) => ({ companyId: a.companyId }) },
  "company.syncPause.set": { access: "admin", input: (a) => ({ companyId: a.companyId, paused: true }) },
  "operations.overview": {
    access: "admin",
    input: () => undefined,
    noIdBecause: "reads the caller's company only, an operator every company (routers/operations/operations.test.ts: an admin never sees another company's row or count)",
  },
  "operations.retry": { access: "admin", input: (a) => ({ serviceId: a.serviceId }) },
  "operations.retryAllFailed": { access: "admin", input: (a) => ({ companyId: a.companyId }) },
  "service.list": {
    access: "member",
    input: () => ({ page: 1, pageSize: 100 }),
    noIdBecause: "lists the caller's company only (list.test.ts, and the matrix checks A's services are not in B's list)",
  },
  "service.byId": { access: "member", input: (a) => ({ id: a.serviceId }) },
  "service.create": { access: "admin", input: (a) => ({ ...serviceInput({ slug: "matrix-probe" }), companyId: a.companyId }) },
  "service.update": { access: "admin", input: (a) => ({ ...a.serviceUpdate, name: "Changed by the matrix" }) },
  "service.delete": { access: "admin", input: (a) => ({ id: a.serviceId, eventType: "keep" }) },
  "service.sync": { access: "admin", input: (a) => ({ id: a.serviceId }) },
  "service.syncPreview": { access: "admin", input: (a) => ({ id: a.serviceId }) },
  "service.linkableEventTypes": { access: "admin", input: (a) => ({ id: a.serviceId }) },
  "service.link": { access: "admin", input: (a) => ({ id: a.serviceId, version: a.serviceUpdate.version, eventTypeId: 3664712 }) },
  "service.importableEventTypes": { access: "admin", input: (a) => ({ companyId: a.companyId }) },
  "service.importEventTypes": { access: "admin", input: (a) => ({ companyId: a.companyId, eventTypeIds: [3664713] }) },
  "service.createInCalcom": { access: "admin", input: (a) => ({ id: a.serviceId }) },
  "service.unlink": { access: "admin", input: (a) => ({ id: a.serviceId, version: a.serviceUpdate.version }) },
  "service.calcomValues": { access: "admin", input: (a) => ({ id: a.serviceId }) },
  "service.takeCalcomValues": { access: "admin", input: (a) => ({ id: a.serviceId, version: a.serviceUpdate.version }) },
  "service.bulkSyncPreview": { access: "admin", input: (a) => ({ ids: [a.serviceId] }) },
  "service.bulkSync": { access: "admin", input: (a) => ({ ids: [a.serviceId] }) },
  "service.bulkSyncProgress": { access: "member", input: (a) => ({ runId: a.bulkRunId }) },
  "service.bulkSyncCancel": { access: "admin", input: (a) => ({ runId: a.bulkRunId }) },
  "service.history": { access: "member", input: (a) => ({ id: a.serviceId, limit: 5 }) },
  "service.editHistory": { access: "member", input: (a) => ({ id: a.serviceId, limit: 5 }) },
  "system.status": {
    access: "member",
    input: () => undefined,
    noIdBecause: "answers whether any worker is alive, which belongs to no company (system/status.test.ts)",
  },
};
