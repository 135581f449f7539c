import { SYNC_STATUSES, type SyncStatus } from "@askpro/domain";
import { keepPreviousData } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useCanEdit, useMe } from "../auth/me-context";
import { classifyApiError } from "../lib/api-error";
import { type ListParams, PAGE_SIZE, parseListParams, toSearchParams } from "../lib/list-params";
import { useDebouncedValue } from "../lib/use-debounced-value";
import { trpc } from "../trpc";
import { EmptyState, Loading, QueryFailed } from "../ui/page-state";
import { BulkSyncBar } from "./bulk/bulk-sync-bar";
import { type BulkSelection, BulkSyncDialog } from "./bulk/bulk-sync-dialog";
import { BulkSyncProgress } from "./bulk/bulk-sync-progress";
import { ImportButton } from "./import/import-button";
import { Pagination } from "./pagination";
import { type RowSelection, ServiceCards, ServiceTable } from "./service-list-views";
import { listPollInterval } from "./sync/live-status";

const SEARCH_DEBOUNCE_MS = 300;

export function ServicesPage() {
  const { t } = useTranslation();
  const me = useMe();
  // A platform operator has no company of their own to add services to.
  const canCreate = useCanEdit() && me.company !== null;
  const [searchParams, setSearchParams] = useSearchParams();
  const params = parseListParams(searchParams);
  const [searchText, setSearchText] = useState(params.search);
  const debouncedSearch = useDebouncedValue(searchText, SEARCH_DEBOUNCE_MS);

  const update = (next: Partial<ListParams>, replace = false) =>
    setSearchParams(toSearchParams({ ...params, page: 1, ...next }), { replace });

  // Typing settles into the URL (replacing, so Back does not replay every keystroke)...
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a settled search text should write the URL
  useEffect(() => {
    if (debouncedSearch.trim() !== params.search) update({ search: debouncedSearch }, true);
  }, [debouncedSearch]);
  // ...and Back/Forward bring the box in line with the URL.
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the URL only, not each keystroke
  useEffect(() => {
    if (searchText.trim() !== params.search) setSearchText(params.search);
  }, [params.search]);

  const list = trpc.service.list.useQuery(
    { search: params.search || undefined, status: params.status, changed: params.changed || undefined, page: params.page, pageSize: PAGE_SIZE },
    { placeholderData: keepPreviousData, refetchInterval: (query) => listPollInterval(query.state.data) },
  );

  const lastPage = list.data ? Math.max(1, Math.ceil(list.data.total / PAGE_SIZE)) : 1;
  // A page beyond the end (after deletions, or an edited URL) moves to the last page that exists.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reacts to the page count only
  useEffect(() => {
    if (list.data && !list.isPlaceholderData && params.page > lastPage) update({ page: lastPage }, true);
  }, [lastPage, params.page, list.data, list.isPlaceholderData]);

  // Bulk sync: admins of a company (an operator's list spans companies; a run is one company's).
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [bulkDialog, setBulkDialog] = useState<BulkSelection | null>(null);
  const [ownRunId, setOwnRunId] = useState<string | null>(null);
  // "Select all that match": the filter as it was when chosen; another filter ends it.
  const [allMatching, setAllMatching] = useState(false);
  const filterKey = `${params.search}|${params.status ?? ""}|${params.changed}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter is a new set of matches
  useEffect(() => setAllMatching(false), [filterKey]);
  const selection: RowSelection | undefined = canCreate
    ? {
        selected,
        toggle: (ids, on) => {
          setAllMatching(false);
          setSelected((current) => {
            const next = new Set(current);
            for (const id of ids) on ? next.add(id) : next.delete(id);
            return next;
          });
        },
      }
    : undefined;

  const filtered = params.search !== "" || params.status !== undefined || params.changed;
  const showCompany = me.company === null;

  return (
    <div className="page">
      <title>{`${t("services.title")} · ${t("app.name")}`}</title>
      <div className="page-header">
        <div>
          <h1 className="page-title">{t("services.title")}</h1>
          <p className="page-intro">{t("services.intro")}</p>
        </div>
        {canCreate && (
          <div className="page-header__actions">
            <ImportButton />
            <Link className="button button--primary" to="/services/new">
              <span aria-hidden="true">+</span> {t("services.new")}
            </Link>
          </div>
        )}
      </div>

      <search className="toolbar">
        <label className="toolbar__search">
          <span className="visually-hidden">{t("services.search")}</span>
          <svg aria-hidden="true" viewBox="0 0 20 20" className="toolbar__icon">
            <path
              fill="currentColor"
              d="M8.5 2a6.5 6.5 0 0 1 5.2 10.4l4 4a1 1 0 0 1-1.4 1.4l-4-4A6.5 6.5 0 1 1 8.5 2Zm0 2a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9Z"
            />
          </svg>
          <input type="search" value={searchText} onChange={(event) => setSearchText(event.target.value)} placeholder={t("services.searchPlaceholder")} />
        </label>
        <label className="toolbar__status">
          <span className="visually-hidden">{t("services.status")}</span>
          <select
            value={params.status ?? ""}
            onChange={(event) => update({ status: (event.target.value || undefined) as SyncStatus | undefined })}
          >
            <option value="">{t("services.allStatuses")}</option>
            {SYNC_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="toolbar__changed">
          <input type="checkbox" checked={params.changed} onChange={(event) => update({ changed: event.target.checked })} />
          {t("changedSinceSync.filter")}
        </label>
        <p className="toolbar__count" aria-live="polite">
          {list.isFetching && list.isPlaceholderData ? t("services.updating") : list.data ? t("services.count", { count: list.data.total }) : ""}
        </p>
      </search>

      {canCreate && (
        <BulkSyncBar
          selectedCount={allMatching && list.data ? list.data.total : selected.size}
          matchingTotal={
            list.data && list.data.total > list.data.items.length && list.data.items.every((service) => selected.has(service.id)) ? list.data.total : null
          }
          allMatching={allMatching}
          onSelectAllMatching={() => setAllMatching(true)}
          onClear={() => {
            setAllMatching(false);
            setSelected(new Set());
          }}
          onSyncSelected={() =>
            setBulkDialog(
              allMatching ? { filter: { search: params.search || undefined, status: params.status, changed: params.changed || undefined } } : { ids: [...selected] },
            )
          }
          onSyncAllChanged={() => setBulkDialog({ changedOnly: true })}
        />
      )}
      <BulkSyncProgress ownRunId={ownRunId} canCancel={canCreate} />
      {bulkDialog && (
        <BulkSyncDialog
          selection={bulkDialog}
          onOpenChange={(open) => !open && setBulkDialog(null)}
          onStarted={(runId) => {
            setOwnRunId(runId);
            setAllMatching(false);
            setSelected(new Set());
          }}
        />
      )}

      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <QueryFailed forbidden={classifyApiError(list.error) === "forbidden"} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        filtered ? (
          <EmptyState
            title={t("services.noMatch.title")}
            action={
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  setSearchText("");
                  setSearchParams(new URLSearchParams());
                }}
              >
                {t("services.noMatch.clear")}
              </button>
            }
          >
            {t("services.noMatch.body")}
          </EmptyState>
        ) : (
          <EmptyState
            title={t("services.empty.title")}
            action={
              canCreate && (
                <Link className="button button--primary" to="/services/new">
                  {t("services.new")}
                </Link>
              )
            }
          >
            {canCreate ? t("services.empty.body") : t("services.empty.bodyReadOnly")}
          </EmptyState>
        )
      ) : (
        <div className={list.isPlaceholderData ? "results is-stale" : "results"}>
          <ServiceTable items={list.data.items} showCompany={showCompany} selection={selection} />
          <ServiceCards items={list.data.items} showCompany={showCompany} selection={selection} />
          <Pagination
            page={list.data.page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            itemsOnPage={list.data.items.length}
            onPageChange={(page) => update({ page, search: params.search, status: params.status })}
          />
        </div>
      )}
    </div>
  );
}
