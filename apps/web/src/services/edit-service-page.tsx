import type { ServiceInput } from "@askpro/domain";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { toast } from "sonner";
import { useCanEdit } from "../auth/me-context";
import { apiMessageOf, classifyApiError } from "../lib/api-error";
import { type ServiceDto, trpc } from "../trpc";
import { Loading, QueryFailed } from "../ui/page-state";
import { type ConflictState, ConflictNotice } from "./conflict-notice";
import { CalcomLinkActions } from "./link/calcom-link-actions";
import { ReadOnlyNotice } from "./read-only-notice";
import { showSaveError } from "./save-error";
import { ServiceForm } from "./service-form";
import { ServiceNotFound } from "./service-not-found";
import { toServiceInput } from "./service-values";
import { useLeaveGuard } from "./use-leave-guard";
import { useServiceForm } from "./use-service-form";

export function EditServicePage() {
  const { id = "" } = useParams();
  const canEdit = useCanEdit();
  // The form starts from a fresh copy (never a cached one, which may be outdated) and is filled once:
  // a later refetch must not overwrite what the person is typing.
  const service = trpc.service.byId.useQuery({ id }, { enabled: canEdit, refetchOnMount: "always", refetchOnWindowFocus: false });
  if (!canEdit) return <ReadOnlyNotice backTo={`/services/${id}`} />;
  if (service.isPending || (service.isFetching && !service.isFetchedAfterMount)) return <Loading />;
  if (service.isError) {
    const kind = classifyApiError(service.error);
    return kind === "not_found" ? <ServiceNotFound /> : <QueryFailed forbidden={kind === "forbidden"} onRetry={() => void service.refetch()} />;
  }
  return <EditService key={service.data.id} service={service.data} />;
}

function EditService({ service }: { service: ServiceDto }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const form = useServiceForm(toServiceInput(service));
  // The version the form's edits are based on; the api refuses a save based on an older one.
  const [baseVersion, setBaseVersion] = useState(service.version);
  const [conflict, setConflict] = useState<ConflictState | null>(null);
  const guard = useLeaveGuard(form.formState.isDirty);
  const update = trpc.service.update.useMutation();
  const viewPath = `/services/${service.id}`;

  const loadSaved = async (): Promise<ConflictState> => {
    setConflict({ status: "loading" });
    try {
      const saved = await utils.service.byId.fetch({ id: service.id }, { staleTime: 0 });
      const loaded: ConflictState = { status: "loaded", saved: toServiceInput(saved), version: saved.version };
      setConflict(loaded);
      return loaded;
    } catch (error) {
      const failed: ConflictState = { status: classifyApiError(error) === "not_found" ? "deleted" : "failed" };
      setConflict(failed);
      return failed;
    }
  };

  // CONFLICT means either "someone saved first" or a duplicate slug / event type id; only a newer saved
  // version tells the first apart.
  const onConflict = async (error: unknown) => {
    const state = await loadSaved();
    if (state.status === "loaded" && state.version === baseVersion) {
      setConflict(null);
      form.setError("root.server", { message: apiMessageOf(error) ?? t("form.saveFailed") });
    }
  };

  const onSubmit = async (values: ServiceInput) => {
    try {
      const saved = await update.mutateAsync({ id: service.id, version: baseVersion, ...values });
      utils.service.byId.setData({ id: service.id }, saved);
      void utils.service.list.invalidate();
      toast.success(t("form.saved"));
      guard.allowLeave();
      void navigate(viewPath);
    } catch (error) {
      const kind = showSaveError(error, form, t);
      if (kind === "conflict") void onConflict(error);
      if (kind === "not_found") setConflict({ status: "deleted" });
    }
  };

  return (
    <div className="page page--narrow">
      <title>{`${t("form.editTitle")} · ${service.name} · ${t("app.name")}`}</title>
      <Link className="back-link" to={viewPath}>
        <span aria-hidden="true">←</span> {service.name}
      </Link>
      <h1 className="page-title">{t("form.editTitle")}</h1>
      <ServiceForm
        form={form}
        suggestSlug={false}
        submitLabel={t("form.save")}
        cancelTo={viewPath}
        onSubmit={onSubmit}
        calcomLink={
          <CalcomLinkActions
            service={{ ...service, version: baseVersion }}
            onChanged={(changed) => {
              // Linking is saved at once and moves the version on; the form's other edits stay as typed.
              setBaseVersion(changed.version);
              // No input is registered for it, so resetField would not reach it; setValue leaves it clean.
              form.setValue("calcomEventTypeId", changed.calcomEventTypeId);
            }}
          />
        }
        notice={
          conflict && (
            <ConflictNotice
              state={conflict}
              current={form.watch()}
              onRetry={() => void loadSaved()}
              onKeepMine={() => {
                if (conflict.status !== "loaded") return;
                // The form cannot change the link (only link and unlink can): "mine" keeps the saved one.
                form.setValue("calcomEventTypeId", conflict.saved.calcomEventTypeId);
                setBaseVersion(conflict.version);
                setConflict(null);
                toast.info(t("form.conflict.kept"));
              }}
              onLoadSaved={() => {
                if (conflict.status !== "loaded") return;
                form.reset(conflict.saved);
                setBaseVersion(conflict.version);
                setConflict(null);
                toast.info(t("form.conflict.loaded"));
              }}
            />
          )
        }
      />
      {guard.dialog}
    </div>
  );
}
