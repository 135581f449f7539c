// The SPA imports types only: nothing of the server is bundled into the browser.
export type { AppRouter } from "./router";
export type { Me } from "./routers/auth/me.handler";
export type { ServiceList } from "./routers/service/list.handler";
export type { ServiceDto } from "./routers/service/service.dto";
