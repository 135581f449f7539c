import { adminProcedure } from "../../trpc";
import { testCalcomConnectionHandler } from "./calcomConnection/test.handler";
import { testCalcomConnectionSchema } from "./calcomConnection/test.schema";
import { clearCalcomKeyHandler } from "./calcomKey/clear.handler";
import { clearCalcomKeySchema } from "./calcomKey/clear.schema";
import { getCalcomKeyHandler } from "./calcomKey/get.handler";
import { getCalcomKeySchema } from "./calcomKey/get.schema";
import { setCalcomKeyHandler } from "./calcomKey/set.handler";
import { setCalcomKeySchema } from "./calcomKey/set.schema";

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
};
