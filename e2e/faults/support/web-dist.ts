import { inject } from "vitest";

export const WEB_DIST_KEY = "askproFaultsWebDist";

declare module "vitest" {
  export interface ProvidedContext {
    askproFaultsWebDist: string;
  }
}

/** The SPA built for this run (see web-build.global.ts), for the api's WEB_DIST. */
export function builtSpa(): string {
  return inject(WEB_DIST_KEY);
}
