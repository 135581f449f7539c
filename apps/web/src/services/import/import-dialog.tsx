import type { ImportableEventType, ImportRowResult } from "@askpro/api";
import * as Dialog from "@radix-ui/react-dialog";
import type { TFunction } from "i18next";
import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { trpc } from "../../trpc";
import { DialogActions } from "../../ui/dialog-actions";
import { useFocusReturn } from "../../ui/use-focus-return";
import { apiErrorMessage } from "../link/api-error-message";

type FailedRow = Extract<ImportRowResult, { imported: false }>;

/** Why a row was not imported, in the reader's language (the server's English reason is the fallback). */
function failureText(row: FailedRow, t: TFunction): string {
  const fields = row.fields?.join(", ") ?? "";
  switch (row.problem) {
    case "slug_taken":
      return t("importDialog.problem.slug_taken", { slug: row.slug ?? "" });
    case "already_linked":
      return row.linkedTo ? t("importDialog.problem.already_linked", { name: row.linkedTo }) : t("importDialog.problem.already_linked_elsewhere");
    case "invalid_values":
      return t("importDialog.problem.invalid_values", { fields });
    case "not_in_step":
      return t("importDialog.problem.not_in_step", { fields });
    default:
      return row.reason;
  }
}

/** "Import from Cal.com": the company's event types that no service links yet, read from Cal.com each time it opens. */
export function ImportDialog({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const focusReturn = useFocusReturn();
  const importing = trpc.service.importEventTypes.useMutation();
  return (
    <Dialog.Root open={open} onOpenChange={(next) => !importing.isPending && onOpenChange(next)}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog__overlay" />
        <ImportDialogContent importing={importing} onDone={() => onOpenChange(false)} focusReturn={focusReturn} />
      </Dialog.Portal>
    </Dialog.Root>
  );
}

interface ContentProps {
  importing: ReturnType<typeof trpc.service.importEventTypes.useMutation>;
  onDone: () => void;
  focusReturn: ReturnType<typeof useFocusReturn>;
}

const isChoosable = (row: ImportableEventType) => row.slugUsedBy === null;

function ImportDialogContent({ importing, onDone, focusReturn }: ContentProps) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const listLabelId = useId();
  const [chosen, setChosen] = useState<ReadonlySet<number>>(new Set());
  const [failures, setFailures] = useState<FailedRow[]>([]);
  const list = trpc.service.importableEventTypes.useQuery(undefined, { staleTime: 0, gcTime: 0, retry: false, refetchOnWindowFocus: false });
  const rows = list.data?.eventTypes ?? [];
  const choosable = rows.filter(isChoosable);
  const chosenRows = choosable.filter((row) => chosen.has(row.id));
  const allChosen = choosable.length > 0 && chosenRows.length === choosable.length;
  // Nothing to choose from (every event type is linked, or Cal.com could not be read): a disabled "Import" would only puzzle.
  const nothingToImport = list.isError || (list.isSuccess && rows.length === 0);

  const selectAll = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAll.current) selectAll.current.indeterminate = chosenRows.length > 0 && !allChosen;
  }, [chosenRows.length, allChosen]);

  const toggle = (id: number, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const confirm = async () => {
    try {
      const answer = await importing.mutateAsync({ eventTypeIds: chosenRows.map((row) => row.id) });
      void utils.service.list.invalidate();
      if (answer.imported > 0) toast.success(t("importDialog.done", { count: answer.imported }));
      const failed = answer.results.filter((row): row is FailedRow => !row.imported);
      if (failed.length === 0) {
        onDone();
        return;
      }
      // The dialog stays open with what was not imported and why; the imported rows leave the list.
      setFailures(failed);
      setChosen(new Set());
      void list.refetch();
    } catch (error) {
      toast.error(t("importDialog.failed"), { description: apiErrorMessage(error, t) });
      void list.refetch();
    }
  };

  return (
    <Dialog.Content className="dialog dialog--wide link-dialog import-dialog" {...focusReturn}>
      <Dialog.Title className="dialog__title">{t("importDialog.title")}</Dialog.Title>
      <div className="sync-dialog__scroll">
        {failures.length > 0 && (
          <div className="alert alert--error import-dialog__failures" role="alert">
            <p className="alert__title">{t("importDialog.notImported")}</p>
            <ul>
              {failures.map((row) => (
                <li key={row.eventTypeId}>{t("importDialog.rowFailed", { title: row.title, reason: failureText(row, t) })}</li>
              ))}
            </ul>
          </div>
        )}
        {list.isPending ? (
          <div className="sync-dialog__loading" role="status">
            <span className="spinner" aria-hidden="true" />
            <span>{t("importDialog.loading")}</span>
          </div>
        ) : list.isError ? (
          <div className="alert alert--warning" role="alert">
            {t("importDialog.loadFailed", { reason: apiErrorMessage(list.error, t) })}
          </div>
        ) : (
          <>
            <Dialog.Description className="dialog__body">{t("importDialog.intro", {
                source: list.data.teamId === null ? t("importDialog.sourceUser") : t("importDialog.sourceTeam", { teamId: list.data.teamId }),
              })}</Dialog.Description>
            {rows.length === 0 ? (
              <p className="muted">{t("importDialog.empty")}</p>
            ) : (
              <fieldset className="import-dialog__fieldset" aria-labelledby={listLabelId}>
                <legend id={listLabelId} className="visually-hidden">
                  {t("importDialog.listLabel")}
                </legend>
                <label className="import-dialog__select-all">
                  <input
                    ref={selectAll}
                    type="checkbox"
                    checked={allChosen}
                    disabled={choosable.length === 0}
                    onChange={(event) => setChosen(event.target.checked ? new Set(choosable.map((row) => row.id)) : new Set())}
                  />
                  <span>{t("importDialog.selectAll")}</span>
                </label>
                <div className="link-dialog__list">
                  {rows.map((row) => (
                    <EventTypeRow key={row.id} row={row} checked={chosen.has(row.id)} onToggle={(on) => toggle(row.id, on)} />
                  ))}
                </div>
              </fieldset>
            )}
          </>
        )}
      </div>
      <DialogActions
        className="sync-dialog__actions"
        cancelLabel={failures.length > 0 || nothingToImport ? t("importDialog.close") : t("importDialog.cancel")}
        confirmLabel={t("importDialog.confirm")}
        pendingLabel={t("importDialog.importing")}
        pending={importing.isPending}
        disabled={chosenRows.length === 0}
        canConfirm={!nothingToImport}
        onConfirm={() => void confirm()}
      />
    </Dialog.Content>
  );
}

function EventTypeRow({ row, checked, onToggle }: { row: ImportableEventType; checked: boolean; onToggle: (on: boolean) => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const metaId = useId();
  const choosable = isChoosable(row);
  return (
    <label className={`link-dialog__option${choosable ? "" : " is-disabled"}`}>
      {/* Named by the title alone ("a checkbox labelled with its title"); the rest describes it. */}
      <input type="checkbox" checked={checked} disabled={!choosable} aria-labelledby={titleId} aria-describedby={metaId} onChange={(event) => onToggle(event.target.checked)} />
      <span className="link-dialog__text">
        <span className="link-dialog__title" id={titleId}>
          {row.title}
        </span>
        <span className="link-dialog__meta" id={metaId}>
          <span className="mono">{row.slug}</span>
          <span>{t("importDialog.minutes", { count: row.lengthInMinutes })}</span>
          <span className="mono">#{row.id}</span>
          {row.hidden && <span className="chip chip--muted">{t("importDialog.hidden")}</span>}
        </span>
        {row.slugUsedBy && <span className="link-dialog__linked">{t("importDialog.slugUsedBy", { slug: row.slug, name: row.slugUsedBy })}</span>}
      </span>
    </label>
  );
}
