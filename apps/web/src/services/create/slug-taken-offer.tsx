import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { type ServiceDto, trpc } from "../../trpc";
import { apiErrorMessage } from "../link/api-error-message";

type OfferedService = Pick<ServiceDto, "id" | "name" | "version" | "calcomEventTypeId" | "syncStatus" | "syncReason">;

/**
 * After "Create in Cal.com" found the slug held by an event type it did not create (reason
 * slug_taken): offers to link that event type instead. The link goes through service.link, which
 * checks that the event type is the company's and linked to no other service.
 */
export function SlugTakenOffer({ service }: { service: OfferedService }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const link = trpc.service.link.useMutation();
  const reason = service.syncReason;
  if (service.calcomEventTypeId !== null || service.syncStatus === "pending" || reason?.code !== "slug_taken" || reason.eventTypeId === null) return null;
  const eventTypeId = reason.eventTypeId;

  const linkIt = async () => {
    try {
      const linked = await link.mutateAsync({ id: service.id, version: service.version, eventTypeId });
      utils.service.byId.setData({ id: service.id }, linked);
      void utils.service.list.invalidate();
      toast.success(t("link.done"), { description: service.name });
    } catch (error) {
      toast.error(t("link.failed"), { description: apiErrorMessage(error, t) });
      void utils.service.byId.invalidate({ id: service.id });
    }
  };

  return (
    <div className="calcom-panel__offer">
      <button type="button" className="button button--secondary button--small" disabled={link.isPending} onClick={() => void linkIt()}>
        {link.isPending ? t("link.linking") : t("createInCalcom.linkOffer", { id: eventTypeId })}
      </button>
      <p className="field__hint">{t("createInCalcom.linkOfferHint")}</p>
    </div>
  );
}
