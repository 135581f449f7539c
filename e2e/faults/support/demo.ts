import type { ServiceDto, ServiceList, SyncHistoryEntry } from "@askpro/api";
import type { ApiSession } from "./trpc-http";

/** From the demo seed (packages/db/src/seed/demo-data.ts) and the sandbox's fixture. */
export const ADMIN_EMAIL = "admin@askpro.test";
export const DEMO_PASSWORD = "askpro-demo";
export const SCHNELLBERATUNG = "15 Minuten Schnellberatung";
export const SANDBOX_DEMO_KEY = "cal_test_askpro_demo";

export async function findService(session: ApiSession, name: string): Promise<ServiceDto> {
  const answer = await session.query<ServiceList>("service.list", { search: name });
  const service = answer.data?.items.find((item) => item.name === name);
  if (!service) throw new Error(`service "${name}" not found (HTTP ${answer.status}): ${answer.error?.message ?? ""}`);
  return service;
}

export async function serviceById(session: ApiSession, id: string): Promise<ServiceDto> {
  const answer = await session.query<ServiceDto>("service.byId", { id });
  if (!answer.data) throw new Error(`service.byId answered ${answer.status}: ${answer.error?.message ?? ""}`);
  return answer.data;
}

export async function historyOf(session: ApiSession, id: string): Promise<SyncHistoryEntry[]> {
  const answer = await session.query<SyncHistoryEntry[]>("service.history", { id });
  if (!answer.data) throw new Error(`service.history answered ${answer.status}: ${answer.error?.message ?? ""}`);
  return answer.data;
}
