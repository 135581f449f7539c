import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFormatters } from "../lib/use-formatters";
import type { ServiceListItem } from "../trpc";
import { StatusBadge } from "../ui/status-badge";
import { ChangedSinceSyncBadge } from "./sync/changed-since-sync-badge";
import { DriftBadge } from "./drift/drift-badge";
import { Timestamp } from "../ui/timestamp";

interface ListViewProps {
  items: ServiceListItem[];
  showCompany: boolean;
}

/** Rows an admin picked for "Sync selected"; absent where nobody may sync (viewers, operators). */
export interface RowSelection {
  selected: ReadonlySet<string>;
  toggle: (ids: string[], on: boolean) => void;
}

function EventTypeCell({ id }: { id: number | null }) {
  const { t } = useTranslation();
  return id === null ? <span className="muted">{t("services.notLinked")}</span> : <span className="mono">{id}</span>;
}

/** Desktop: a table. CSS shows either this or the cards, never both. */
export function ServiceTable({ items, showCompany, selection }: ListViewProps & { selection?: RowSelection | undefined }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const allSelected = selection !== undefined && items.length > 0 && items.every((service) => selection.selected.has(service.id));
  return (
    <div className="table-wrap service-table">
      <table className="table">
        <thead>
          <tr>
            {selection && (
              <th scope="col" className="table__select">
                <input
                  type="checkbox"
                  aria-label={t("bulkSync.selectAll")}
                  checked={allSelected}
                  onChange={(event) => selection.toggle(items.map((service) => service.id), event.target.checked)}
                />
              </th>
            )}
            <th scope="col">{t("services.columns.name")}</th>
            {showCompany && <th scope="col">{t("services.columns.company")}</th>}
            <th scope="col" className="num">
              {t("services.columns.duration")}
            </th>
            <th scope="col" className="num">
              {t("services.columns.price")}
            </th>
            <th scope="col">{t("services.columns.eventType")}</th>
            <th scope="col">{t("services.columns.status")}</th>
            <th scope="col">{t("services.columns.updated")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((service) => (
            <tr key={service.id} className={service.isActive ? undefined : "is-inactive"}>
              {selection && (
                <td className="table__select">
                  <input
                    type="checkbox"
                    aria-label={t("bulkSync.selectRow", { name: service.name })}
                    checked={selection.selected.has(service.id)}
                    onChange={(event) => selection.toggle([service.id], event.target.checked)}
                  />
                </td>
              )}
              <td>
                <Link className="table__primary-link" to={`/services/${service.id}`}>
                  {service.name}
                </Link>
                <div className="table__secondary mono">
                  {service.slug}
                  {!service.isActive && <span className="chip chip--muted">{t("service.inactive")}</span>}
                </div>
              </td>
              {showCompany && <td>{service.companyName}</td>}
              <td className="num">{format.minutes(service.durationMinutes)}</td>
              <td className="num">{format.price(service.priceCents, service.currency)}</td>
              <td>
                <EventTypeCell id={service.calcomEventTypeId} />
              </td>
              <td>
                <div className="badges">
                  <StatusBadge status={service.syncStatus} />
                  <ChangedSinceSyncBadge changed={service.changedSinceSync} />
                  <DriftBadge drift={service.drift} />
                </div>
              </td>
              <td className="nowrap">
                <Timestamp iso={service.updatedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Phone: one card per service. */
export function ServiceCards({ items, showCompany, selection }: ListViewProps & { selection?: RowSelection | undefined }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <ul className="service-cards">
      {items.map((service) => (
        <li key={service.id} className="service-card">
          <div className="service-card__head">
            {selection && (
              <input
                type="checkbox"
                aria-label={t("bulkSync.selectRow", { name: service.name })}
                checked={selection.selected.has(service.id)}
                onChange={(event) => selection.toggle([service.id], event.target.checked)}
              />
            )}
            <Link className="service-card__title" to={`/services/${service.id}`}>
              {service.name}
            </Link>
            <StatusBadge status={service.syncStatus} />
            <ChangedSinceSyncBadge changed={service.changedSinceSync} />
            <DriftBadge drift={service.drift} />
          </div>
          <div className="service-card__slug mono">
            {service.slug}
            {!service.isActive && <span className="chip chip--muted">{t("service.inactive")}</span>}
          </div>
          <dl className="service-card__facts">
            {showCompany && (
              <div>
                <dt>{t("services.columns.company")}</dt>
                <dd>{service.companyName}</dd>
              </div>
            )}
            <div>
              <dt>{t("services.columns.duration")}</dt>
              <dd>{format.minutes(service.durationMinutes)}</dd>
            </div>
            <div>
              <dt>{t("services.columns.price")}</dt>
              <dd>{format.price(service.priceCents, service.currency)}</dd>
            </div>
            <div>
              <dt>{t("services.columns.eventType")}</dt>
              <dd>
                <EventTypeCell id={service.calcomEventTypeId} />
              </dd>
            </div>
          </dl>
        </li>
      ))}
    </ul>
  );
}
