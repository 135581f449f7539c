import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./router";

// The SPA imports types only: nothing of the server is bundled into the browser.
export type { AppRouter } from "./router";
export type { Me } from "./routers/auth/me.handler";
export type { CalcomConnectionCheck, CalcomConnectionProblem } from "./routers/company/calcomConnection/test.handler";
export type { CalcomAssignmentSetting } from "./routers/company/calcomAssignment/get.handler";
export type { CalcomKeyStatus } from "./routers/company/calcomKey/status";
export type { SyncHistoryEntry } from "./routers/service/history.handler";
export type { ImportableEventType, ImportableEventTypes } from "./routers/service/importableEventTypes.handler";
export type { ImportProblem, ImportResult, ImportRowResult } from "./routers/service/importEventTypes.handler";
export type { LinkableEventType, LinkableEventTypes } from "./routers/service/linkableEventTypes.handler";
export type { ServiceList } from "./routers/service/list.handler";
export type { ServiceDto } from "./routers/service/service.dto";
export type { SyncPreviewField, SyncPreviewNotSent, SyncTarget } from "./routers/service/syncPreview.handler";

type ServiceOutputs = inferRouterOutputs<AppRouter>["service"];
/** What service.sync answers; the SPA picks its toast by `outcome`. */
export type SyncOutcome = ServiceOutputs["sync"];
/** What the confirm dialog shows (service.syncPreview). */
export type SyncPreview = ServiceOutputs["syncPreview"];
/** What service.createInCalcom answers ("Create in Cal.com"). */
export type CreateInCalcomOutcome = ServiceOutputs["createInCalcom"];
