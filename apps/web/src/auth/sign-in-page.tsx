import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { z } from "zod";
import { LanguageSwitch } from "../layout/language-switch";
import { classifyApiError } from "../lib/api-error";
import { safeRedirectTarget } from "../lib/redirect";
import { trpc } from "../trpc";
import { Field } from "../ui/field";
import { BrandMark } from "../ui/brand-mark";

const signInSchema = z.object({
  email: z.string().trim().min(1, "required").pipe(z.email("invalid")),
  password: z.string().min(1, "required"),
});
type SignInValues = z.infer<typeof signInSchema>;

const FAILURE_MESSAGES = {
  unauthorized: "login.invalid",
  rate_limited: "login.rateLimited",
  unavailable: "login.unavailable",
} as const;

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const target = safeRedirectTarget(searchParams.get("next"));
  const utils = trpc.useUtils();
  const me = trpc.auth.me.useQuery(undefined, { staleTime: 60_000 });
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<SignInValues>({ resolver: zodResolver(signInSchema), defaultValues: { email: "", password: "" } });
  const signIn = trpc.auth.signIn.useMutation({ meta: { signIn: true } });

  if (me.data) return <Navigate to={target} replace />;

  const onSubmit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      const { user } = await signIn.mutateAsync(values);
      utils.auth.me.setData(undefined, user);
      void navigate(target, { replace: true });
    } catch (error) {
      const kind = classifyApiError(error);
      setFailure(t(kind in FAILURE_MESSAGES ? FAILURE_MESSAGES[kind as keyof typeof FAILURE_MESSAGES] : "login.failed"));
      if (kind === "unauthorized") form.resetField("password");
      form.setFocus(kind === "unauthorized" ? "password" : "email");
    }
  });

  const { errors, isSubmitting } = form.formState;
  return (
    <main className="auth-page" id="main">
      <title>{`${t("login.pageTitle")} · ${t("app.name")}`}</title>
      <div className="auth-card">
        <div className="brand brand--large">
          <BrandMark />
          <span>{t("app.name")}</span>
        </div>
        <h1 className="auth-card__title">{t("login.heading")}</h1>
        <p className="auth-card__intro">{t("login.intro")}</p>
        {failure && (
          <div className="alert alert--error" role="alert">
            {failure}
          </div>
        )}
        <form className="stack" onSubmit={onSubmit} noValidate>
          <Field
            id="email"
            label={t("login.email")}
            error={errors.email && t(errors.email.type === "invalid_format" ? "login.emailInvalid" : "login.emailRequired")}
          >
            {(control) => <input {...control} {...form.register("email")} type="email" autoComplete="username" inputMode="email" />}
          </Field>
          <Field id="password" label={t("login.password")} error={errors.password && t("login.passwordRequired")}>
            {(control) => <input {...control} {...form.register("password")} type="password" autoComplete="current-password" />}
          </Field>
          <button type="submit" className="button button--primary button--block" disabled={isSubmitting} aria-busy={isSubmitting}>
            {isSubmitting ? t("login.submitting") : t("login.submit")}
          </button>
        </form>
      </div>
      <LanguageSwitch />
    </main>
  );
}
