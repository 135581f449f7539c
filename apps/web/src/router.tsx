import { createBrowserRouter, Navigate } from "react-router";
import { RequireAuth } from "./auth/require-auth";
import { NotFoundPage } from "./layout/not-found-page";
import { RootLayout } from "./layout/root-layout";
import { RouteError } from "./layout/route-error";
import { ServicesPage } from "./services/services-page";
import { Loading } from "./ui/page-state";

/**
 * The services list is where a signed-in user lands, so it ships in the first script; every other page
 * (the forms with react-hook-form and zod, the view page with the sync dialog, settings, sign-in) is its own
 * chunk, fetched on the first visit. While it loads the current page stays; on a fresh load of such a
 * page the layout renders with the usual loading state in place of the page. A chunk that cannot be
 * fetched (offline, or a deploy replaced it) shows the usual error state inside the layout. The function
 * form of `lazy`: with the per-property form a failed Component import of a route without a loader is
 * swallowed and leaves the page blank.
 */
const onDemand = { hydrateFallbackElement: <Loading />, errorElement: <RouteError /> };

export const router = createBrowserRouter([
  {
    element: <RootLayout />,
    children: [
      {
        path: "/login",
        ...onDemand,
        lazy: async () => ({ Component: (await import("./auth/sign-in-page")).SignInPage }),
      },
      {
        path: "/",
        element: <RequireAuth />,
        children: [
          { index: true, element: <Navigate to="/services" replace /> },
          { path: "services", element: <ServicesPage /> },
          {
            path: "services/new",
            ...onDemand,
            lazy: async () => ({ Component: (await import("./services/create-service-page")).CreateServicePage }),
          },
          {
            path: "services/:id",
            ...onDemand,
            lazy: async () => ({ Component: (await import("./services/service-view-page")).ServiceViewPage }),
          },
          {
            path: "services/:id/edit",
            ...onDemand,
            lazy: async () => ({ Component: (await import("./services/edit-service-page")).EditServicePage }),
          },
          {
            path: "operations",
            ...onDemand,
            lazy: async () => ({ Component: (await import("./operations/operations-page")).OperationsPage }),
          },
          {
            path: "settings",
            ...onDemand,
            lazy: async () => ({ Component: (await import("./settings/company-settings-page")).CompanySettingsPage }),
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
