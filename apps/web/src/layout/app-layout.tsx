import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, NavLink, Outlet, useNavigate, useNavigation } from "react-router";
import { toast } from "sonner";
import { useMe } from "../auth/me-context";
import { canSeeOperations } from "../operations/operations-access";
import { settingsAccessOf } from "../settings/settings-access";
import { trpc } from "../trpc";
import { BrandMark } from "../ui/brand-mark";
import { LanguageSwitch } from "./language-switch";

export function AppLayout() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  // Only a page whose code is still being fetched makes a navigation wait (no route has a loader).
  const pageLoading = useNavigation().state === "loading";
  const queryClient = useQueryClient();
  const utils = trpc.useUtils();
  const signOut = trpc.auth.signOut.useMutation({
    onSuccess: async () => {
      await navigate("/login", { replace: true });
      // Nothing of the previous user may linger for whoever signs in next on this browser.
      queryClient.removeQueries();
      utils.auth.me.setData(undefined, null);
    },
    onError: () => toast.error(t("header.signOutFailed")),
  });

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <Link to="/services" className="brand">
            <BrandMark />
            <span>{t("app.name")}</span>
          </Link>
          <nav className="app-nav" aria-label={t("header.mainNav")}>
            <NavLink to="/services" className="app-nav__link">
              {t("header.services")}
            </NavLink>
            {canSeeOperations(me) && (
              <NavLink to="/operations" className="app-nav__link">
                {t("header.operations")}
              </NavLink>
            )}
            {settingsAccessOf(me) === "allowed" && (
              <NavLink to="/settings" className="app-nav__link">
                {t("header.settings")}
              </NavLink>
            )}
          </nav>
          <div className="app-header__account">
            <div className="account">
              <span className="visually-hidden">{t("header.account")}</span>
              <span className="account__company">{me.company?.name ?? t("header.allCompanies")}</span>
              <span className="account__email">{me.email}</span>
            </div>
            <span className={`role-badge role-badge--${me.role}`}>{t(`header.roles.${me.role}`)}</span>
            <LanguageSwitch />
            <button
              type="button"
              className="button button--ghost button--small"
              onClick={() => signOut.mutate()}
              disabled={signOut.isPending}
            >
              {signOut.isPending ? t("header.signingOut") : t("header.signOut")}
            </button>
          </div>
        </div>
      </header>
      <main className="app-main" id="main" tabIndex={-1} aria-busy={pageLoading || undefined}>
        <Outlet />
      </main>
    </div>
  );
}
