import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useFormatters } from "../lib/use-formatters";
import type { ServiceDto } from "../trpc";
import { Timestamp } from "../ui/timestamp";

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="facts__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function ServiceDetails({ service }: { service: ServiceDto }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const yesNo = (value: boolean) => (value ? t("service.yes") : t("service.no"));
  return (
    <dl className="facts">
      <Row label={t("service.fields.name")}>{service.name}</Row>
      <Row label={t("service.fields.slug")}>
        <span className="mono">{service.slug}</span>
      </Row>
      <Row label={t("service.fields.description")}>
        {service.description ? (
          <span className="prewrap">{service.description}</span>
        ) : (
          <span className="muted">{t("service.noDescription")}</span>
        )}
      </Row>
      <Row label={t("service.fields.durationMinutes")}>{format.minutes(service.durationMinutes)}</Row>
      <Row label={t("service.fields.bufferBeforeMinutes")}>{format.minutes(service.bufferBeforeMinutes)}</Row>
      <Row label={t("service.fields.bufferAfterMinutes")}>{format.minutes(service.bufferAfterMinutes)}</Row>
      <Row label={t("service.fields.minimumBookingNoticeMinutes")}>{format.minutes(service.minimumBookingNoticeMinutes)}</Row>
      <Row label={t("service.fields.price")}>{format.price(service.priceCents, service.currency)}</Row>
      <Row label={t("service.fields.isActive")}>{yesNo(service.isActive)}</Row>
      <Row label={t("service.fields.requiresConfirmation")}>{yesNo(service.requiresConfirmation)}</Row>
      <Row label={t("service.fields.disableGuests")}>{service.disableGuests ? t("service.guestsDisabled") : t("service.guestsAllowed")}</Row>
      <Row label={t("service.fields.calcomAssignment")}>{t(`assignment.${service.calcomAssignment ?? "companyDefault"}`)}</Row>
      <Row label={t("service.fields.company")}>{service.companyName}</Row>
      <Row label={t("service.fields.createdAt")}>
        <Timestamp iso={service.createdAt} withAbsolute />
      </Row>
      <Row label={t("service.fields.updatedAt")}>
        <Timestamp iso={service.updatedAt} withAbsolute />
      </Row>
    </dl>
  );
}
