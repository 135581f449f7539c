import type { SyncStatus } from "@askpro/domain";

/*
 * Live status by polling, and only while something is pending. A sync job ends within a second or two
 * (retries aside), so a page that asks every 500 ms while its service is pending shows the outcome well
 * within the second the product promises, and asks nothing at all otherwise. A push channel (SSE fed by
 * PostgreSQL NOTIFY) would add a long-lived connection per open page and its reconnect logic, for
 * a state that is rarely in flight.
 */
export const SERVICE_POLL_MS = 500;
export const LIST_POLL_MS = 1_000;
/** The history only adds detail (retries), so it may lag a little behind the status. */
export const HISTORY_POLL_MS = 2_000;

const isPending = (item: { syncStatus: SyncStatus }) => item.syncStatus === "pending";

/** refetchInterval of service.byId: fast while its sync runs, off otherwise. */
export function servicePollInterval(service: { syncStatus: SyncStatus } | undefined): number | false {
  return service && isPending(service) ? SERVICE_POLL_MS : false;
}

/** refetchInterval of service.list: while any service on the page is pending. */
export function listPollInterval(list: { items: ReadonlyArray<{ syncStatus: SyncStatus }> } | undefined): number | false {
  return list?.items.some(isPending) ? LIST_POLL_MS : false;
}
