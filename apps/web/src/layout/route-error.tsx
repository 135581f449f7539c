import { QueryFailed } from "../ui/page-state";

/** A page whose code failed to load or threw: the plain error state, and a retry that loads the app afresh. */
export function RouteError() {
  return (
    <div className="page">
      <QueryFailed forbidden={false} onRetry={() => window.location.reload()} />
    </div>
  );
}
