import { Navigate, useLocation } from "react-router";
import { classifyApiError } from "../lib/api-error";
import { loginPathFor } from "../lib/redirect";
import { AppLayout } from "../layout/app-layout";
import { trpc } from "../trpc";
import { Loading, QueryFailed } from "../ui/page-state";
import { MeContext } from "./me-context";

export function RequireAuth() {
  const location = useLocation();
  const me = trpc.auth.me.useQuery(undefined, { staleTime: 60_000 });
  if (me.isPending) return <Loading />;
  if (me.isError) return <QueryFailed forbidden={classifyApiError(me.error) === "forbidden"} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to={loginPathFor(location.pathname + location.search)} replace />;
  return (
    <MeContext.Provider value={me.data}>
      <AppLayout />
    </MeContext.Provider>
  );
}
