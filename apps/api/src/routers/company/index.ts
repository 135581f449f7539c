import { adminProcedure } from "../../trpc";
import { getAutoSyncHandler } from "./autoSync/get.handler";
import { getAutoSyncSchema } from "./autoSync/get.schema";
import { setAutoSyncHandler } from "./autoSync/set.handler";
import { setAutoSyncSchema } from "./autoSync/set.schema";
import { checkCalcomNowHandler } from "./calcomDrift/check.handler";
import { checkCalcomNowSchema } from "./calcomDrift/check.schema";
import { calcomDriftStatusHandler } from "./calcomDrift/status.handler";
import { calcomDriftStatusSchema } from "./calcomDrift/status.schema";
import { getCalcomAssignmentHandler } from "./calcomAssignment/get.handler";
import { getCalcomAssignmentSchema } from "./calcomAssignment/get.schema";
import { setCalcomAssignmentHandler } from "./calcomAssignment/set.handler";
import { setCalcomAssignmentSchema } from "./calcomAssignment/set.schema";
import { testCalcomConnectionHandler } from "./calcomConnection/test.handler";
import { testCalcomConnectionSchema } from "./calcomConnection/test.schema";
import { clearCalcomKeyHandler } from "./calcomKey/clear.handler";
import { clearCalcomKeySchema } from "./calcomKey/clear.schema";
import { getCalcomKeyHandler } from "./calcomKey/get.handler";
import { getCalcomKeySchema } from "./calcomKey/get.schema";
import { setCalcomKeyHandler } from "./calcomKey/set.handler";
import { setCalcomKeySchema } from "./calcomKey/set.schema";
import { getSyncPauseHandler } from "./syncPause/get.handler";
import { getSyncPauseSchema } from "./syncPause/get.schema";
import { setSyncPauseHandler } from "./syncPause/set.handler";
import { setSyncPauseSchema } from "./syncPause/set.schema";

/** Company settings; owners and admins only. */
export const companyRouter = {
  calcomKey: {
    get: adminProcedure.input(getCalcomKeySchema).query(getCalcomKeyHandler),
    set: adminProcedure.input(setCalcomKeySchema).mutation(setCalcomKeyHandler),
    clear: adminProcedure.input(clearCalcomKeySchema).mutation(clearCalcomKeyHandler),
  },
  // A query: it changes nothing (it spends two requests of the key's budget, like the link picker).
  calcomConnection: {
    test: adminProcedure.input(testCalcomConnectionSchema).query(testCalcomConnectionHandler),
  },
  // How team event types made by "Create in Cal.com" assign bookings; a service may override it.
  calcomAssignment: {
    get: adminProcedure.input(getCalcomAssignmentSchema).query(getCalcomAssignmentHandler),
    set: adminProcedure.input(setCalcomAssignmentSchema).mutation(setCalcomAssignmentHandler),
  },
  // Auto-sync: a saved change to a sent field requests a sync (off by default).
  autoSync: {
    get: adminProcedure.input(getAutoSyncSchema).query(getAutoSyncHandler),
    set: adminProcedure.input(setAutoSyncSchema).mutation(setAutoSyncHandler),
  },
  // Drift: "Check Cal.com now" queues the company's check (one at a time); status says whether one is under way.
  calcomDrift: {
    check: adminProcedure.input(checkCalcomNowSchema).mutation(checkCalcomNowHandler),
    status: adminProcedure.input(calcomDriftStatusSchema).query(calcomDriftStatusHandler),
  },
  // "Pause syncing" / "Resume syncing": requests still queue while paused; nothing is sent to Cal.com.
  syncPause: {
    get: adminProcedure.input(getSyncPauseSchema).query(getSyncPauseHandler),
    set: adminProcedure.input(setSyncPauseSchema).mutation(setSyncPauseHandler),
  },
};
