import { SYNC_STATUSES, type SyncStatus } from "@askpro/domain";

export const PAGE_SIZE = 20;

/** The list's filters live in the URL so back/forward, reload and shared links keep them. */
export interface ListParams {
  search: string;
  status: SyncStatus | undefined;
  /** Only services changed since their last sync (`?changed=1`). */
  changed: boolean;
  page: number;
}

function isSyncStatus(value: string | null): value is SyncStatus {
  return value !== null && (SYNC_STATUSES as readonly string[]).includes(value);
}

export function parseListParams(params: URLSearchParams): ListParams {
  const page = Number(params.get("page"));
  const status = params.get("status");
  return {
    search: params.get("q")?.trim() ?? "",
    status: isSyncStatus(status) ? status : undefined,
    changed: params.get("changed") === "1",
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** Default values are left out, so the plain list has the plain URL. */
export function toSearchParams({ search, status, changed, page }: ListParams): URLSearchParams {
  const params = new URLSearchParams();
  if (search.trim()) params.set("q", search.trim());
  if (status) params.set("status", status);
  if (changed) params.set("changed", "1");
  if (page > 1) params.set("page", String(page));
  return params;
}

interface PageWindow {
  from: number;
  to: number;
  pageCount: number;
}

/** "Showing 21-40 of 45": 1-based positions of the first and last item on a page. */
export function pageWindow(page: number, pageSize: number, total: number, itemsOnPage: number): PageWindow {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  if (itemsOnPage === 0) return { from: 0, to: 0, pageCount };
  const from = (page - 1) * pageSize + 1;
  return { from, to: from + itemsOnPage - 1, pageCount };
}
