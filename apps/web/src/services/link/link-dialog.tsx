import type { LinkableEventType } from "@askpro/api";
import * as Dialog from "@radix-ui/react-dialog";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { type ServiceDto, trpc } from "../../trpc";
import { DialogActions } from "../../ui/dialog-actions";
import { useFocusReturn } from "../../ui/use-focus-return";
import { apiErrorMessage } from "./api-error-message";

interface LinkDialogProps {
  service: Pick<ServiceDto, "id" | "name" | "version">;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onLinked?: ((service: ServiceDto) => void) | undefined;
}

/** "Link a Cal.com event type": the company's event types, read from Cal.com each time it opens. */
export function LinkDialog({ service, open, onOpenChange, onLinked }: LinkDialogProps) {
  const focusReturn = useFocusReturn();
  const utils = trpc.useUtils();
  const link = trpc.service.link.useMutation();
  const { t } = useTranslation();

  const confirm = async (eventTypeId: number) => {
    try {
      const linked = await link.mutateAsync({ id: service.id, version: service.version, eventTypeId });
      utils.service.byId.setData({ id: service.id }, linked);
      onLinked?.(linked);
      void utils.service.list.invalidate();
      toast.success(t("link.done"), { description: service.name });
      onOpenChange(false);
    } catch (error) {
      toast.error(t("link.failed"), { description: apiErrorMessage(error, t) });
      // The list may have changed (someone linked the event type meanwhile): read it again.
      void utils.service.linkableEventTypes.invalidate({ id: service.id });
      void utils.service.byId.invalidate({ id: service.id });
    }
  };

  return (
    <Dialog.Root open={open} onOpenChange={(next) => !link.isPending && onOpenChange(next)}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog__overlay" />
        <LinkDialogContent service={service} pending={link.isPending} onConfirm={(id) => void confirm(id)} focusReturn={focusReturn} />
      </Dialog.Portal>
    </Dialog.Root>
  );
}

interface ContentProps {
  service: LinkDialogProps["service"];
  pending: boolean;
  onConfirm: (eventTypeId: number) => void;
  focusReturn: ReturnType<typeof useFocusReturn>;
}

function LinkDialogContent({ service, pending, onConfirm, focusReturn }: ContentProps) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<number | null>(null);
  const listLabelId = useId();
  const list = trpc.service.linkableEventTypes.useQuery({ id: service.id }, { staleTime: 0, gcTime: 0, retry: false });
  const choosable = list.data?.eventTypes.some((row) => row.id === chosen && isFree(row)) ?? false;

  return (
    <Dialog.Content className="dialog dialog--wide link-dialog" {...focusReturn}>
      <Dialog.Title className="dialog__title">{t("link.title")}</Dialog.Title>
      <div className="sync-dialog__scroll">
        {list.isPending ? (
          <div className="sync-dialog__loading" role="status">
            <span className="spinner" aria-hidden="true" />
            <span>{t("link.loading")}</span>
          </div>
        ) : list.isError ? (
          <div className="alert alert--warning" role="alert">
            {t("link.loadFailed", { reason: apiErrorMessage(list.error, t) })}
          </div>
        ) : (
          <>
            <Dialog.Description className="dialog__body">{t("link.intro", { name: service.name, source: list.data.source })}</Dialog.Description>
            {list.data.eventTypes.length === 0 ? (
              <p className="muted">{t("link.empty")}</p>
            ) : (
              <div className="link-dialog__list" role="radiogroup" aria-labelledby={listLabelId}>
                <span id={listLabelId} className="visually-hidden">
                  {t("link.listLabel")}
                </span>
                {list.data.eventTypes.map((row) => (
                  <EventTypeOption key={row.id} row={row} checked={chosen === row.id} onChoose={() => setChosen(row.id)} />
                ))}
              </div>
            )}
          </>
        )}
      </div>
      <DialogActions
        className="sync-dialog__actions"
        cancelLabel={t("link.cancel")}
        confirmLabel={t("link.confirm")}
        pendingLabel={t("link.linking")}
        pending={pending}
        disabled={!choosable}
        onConfirm={() => chosen !== null && onConfirm(chosen)}
      />
    </Dialog.Content>
  );
}

const isFree = (row: LinkableEventType) => row.linkedService === null && !row.linkedElsewhere;

function EventTypeOption({ row, checked, onChoose }: { row: LinkableEventType; checked: boolean; onChoose: () => void }) {
  const { t } = useTranslation();
  const free = isFree(row);
  return (
    <label className={`link-dialog__option${free ? "" : " is-disabled"}`}>
      <input type="radio" name="event-type" value={row.id} checked={checked} disabled={!free} onChange={onChoose} />
      <span className="link-dialog__text">
        <span className="link-dialog__title">{row.title}</span>
        <span className="link-dialog__meta">
          <span className="mono">{row.slug}</span>
          <span>{t("link.minutes", { count: row.lengthInMinutes })}</span>
          <span className="mono">#{row.id}</span>
          {row.hidden && <span className="chip chip--muted">{t("link.hidden")}</span>}
        </span>
        {row.linkedService && <span className="link-dialog__linked">{t("link.linkedTo", { name: row.linkedService.name })}</span>}
        {row.linkedElsewhere && <span className="link-dialog__linked">{t("link.linkedElsewhere")}</span>}
      </span>
    </label>
  );
}
