import { type Query, useQueryClient } from "@tanstack/react-query";
import { useCallback, useSyncExternalStore } from "react";
import { classifyApiError } from "./api-error";

function isWaitingForApi(query: Query): boolean {
  const { fetchFailureCount, fetchFailureReason, status } = query.state;
  return fetchFailureCount > 0 && classifyApiError(fetchFailureReason) === "unavailable" && (query.state.fetchStatus !== "idle" || status === "error");
}

/** True while any query is failing because the api cannot be reached (and is being retried). */
export function useApiUnavailable(): boolean {
  const cache = useQueryClient().getQueryCache();
  const subscribe = useCallback((onChange: () => void) => cache.subscribe(onChange), [cache]);
  const snapshot = useCallback(() => cache.getAll().some(isWaitingForApi), [cache]);
  return useSyncExternalStore(subscribe, snapshot);
}
