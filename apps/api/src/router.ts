import { authRouter } from "./routers/auth";
import { companyRouter } from "./routers/company";
import { serviceRouter } from "./routers/service";
import { router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  company: companyRouter,
  service: serviceRouter,
});

export type AppRouter = typeof appRouter;
