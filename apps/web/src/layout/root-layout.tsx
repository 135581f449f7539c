import { Outlet, ScrollRestoration } from "react-router";
import { UnavailableBanner } from "./unavailable-banner";

export function RootLayout() {
  return (
    <>
      <UnavailableBanner />
      <Outlet />
      <ScrollRestoration />
    </>
  );
}
