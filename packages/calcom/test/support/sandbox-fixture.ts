import { afterAll, beforeAll, beforeEach } from "vitest";
import { type CalcomSandbox, type CalcomSandboxOptions, startCalcomSandbox } from "../../src/sandbox";

export const DEMO_KEY = "cal_test_askpro_demo";
export const PRAXIS_KEY = "cal_test_praxis_nord";
export const ASKPRO_TEAM = 39203;
export const PRAXIS_TEAM = 39204;
export const ASKPRO_USER = 1201;

/** One in-process sandbox per test file, back to the fixture before each test. */
export function useSandbox(options: CalcomSandboxOptions = {}): { readonly current: CalcomSandbox } {
  const holder: { current?: CalcomSandbox } = {};
  beforeAll(async () => {
    holder.current = await startCalcomSandbox(options);
  });
  afterAll(async () => {
    await holder.current?.stop();
  });
  beforeEach(() => holder.current?.reset());
  return {
    get current() {
      if (!holder.current) throw new Error("sandbox not started");
      return holder.current;
    },
  };
}

let keyCounter = 0;

/** A fresh API key of the demo user: its own pacer and its own rate-limit counter. */
export function freshKey(sandbox: CalcomSandbox, userId = ASKPRO_USER): string {
  keyCounter++;
  const key = `cal_test_${process.pid}_${Date.now()}_${keyCounter}`;
  sandbox.addApiKey(key, userId);
  return key;
}
