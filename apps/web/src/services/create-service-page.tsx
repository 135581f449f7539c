import type { ServiceInput } from "@askpro/domain";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { toast } from "sonner";
import { useCanEdit } from "../auth/me-context";
import { apiMessageOf } from "../lib/api-error";
import { trpc } from "../trpc";
import { ReadOnlyNotice } from "./read-only-notice";
import { showSaveError } from "./save-error";
import { ServiceForm } from "./service-form";
import { NEW_SERVICE_VALUES } from "./service-values";
import { useLeaveGuard } from "./use-leave-guard";
import { useServiceForm } from "./use-service-form";

export function CreateServicePage() {
  const canEdit = useCanEdit();
  return canEdit ? <CreateService /> : <ReadOnlyNotice backTo="/services" />;
}

function CreateService() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const utils = trpc.useUtils();
  const form = useServiceForm(NEW_SERVICE_VALUES);
  const guard = useLeaveGuard(form.formState.isDirty && !form.formState.isSubmitSuccessful);
  const create = trpc.service.create.useMutation();

  const onSubmit = async (values: ServiceInput) => {
    try {
      const created = await create.mutateAsync(values);
      utils.service.byId.setData({ id: created.id }, created);
      void utils.service.list.invalidate();
      toast.success(t("form.created"));
      guard.allowLeave();
      void navigate(`/services/${created.id}`);
    } catch (error) {
      // On create, CONFLICT can only mean a duplicate (slug or event type); the api names which.
      if (showSaveError(error, form, t) === "conflict") form.setError("root.server", { message: apiMessageOf(error) ?? t("form.saveFailed") });
    }
  };

  return (
    <div className="page page--narrow">
      <title>{`${t("form.createTitle")} · ${t("app.name")}`}</title>
      <Link className="back-link" to="/services">
        <span aria-hidden="true">←</span> {t("service.backToList")}
      </Link>
      <h1 className="page-title">{t("form.createTitle")}</h1>
      <ServiceForm form={form} suggestSlug submitLabel={t("form.create")} cancelTo="/services" onSubmit={onSubmit} />
      {guard.dialog}
    </div>
  );
}
