import { authRouter } from "./routers/auth";
import { companyRouter } from "./routers/company";
import { operationsRouter } from "./routers/operations";
import { serviceRouter } from "./routers/service";
import { systemRouter } from "./routers/system";
import { router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  company: companyRouter,
  operations: operationsRouter,
  service: serviceRouter,
  system: systemRouter,
});

export type AppRouter = typeof appRouter;
