import { createBrowserRouter, Navigate } from "react-router";
import { RequireAuth } from "./auth/require-auth";
import { SignInPage } from "./auth/sign-in-page";
import { NotFoundPage } from "./layout/not-found-page";
import { RootLayout } from "./layout/root-layout";
import { CreateServicePage } from "./services/create-service-page";
import { EditServicePage } from "./services/edit-service-page";
import { ServiceViewPage } from "./services/service-view-page";
import { ServicesPage } from "./services/services-page";
import { CompanySettingsPage } from "./settings/company-settings-page";

export const router = createBrowserRouter([
  {
    element: <RootLayout />,
    children: [
      { path: "/login", element: <SignInPage /> },
      {
        path: "/",
        element: <RequireAuth />,
        children: [
          { index: true, element: <Navigate to="/services" replace /> },
          { path: "services", element: <ServicesPage /> },
          { path: "services/new", element: <CreateServicePage /> },
          { path: "services/:id", element: <ServiceViewPage /> },
          { path: "services/:id/edit", element: <EditServicePage /> },
          { path: "settings", element: <CompanySettingsPage /> },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
