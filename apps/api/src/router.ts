import { authRouter } from "./routers/auth";
import { serviceRouter } from "./routers/service";
import { router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  service: serviceRouter,
});

export type AppRouter = typeof appRouter;
