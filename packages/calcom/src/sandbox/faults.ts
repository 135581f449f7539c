/** What an endpoint does instead of (or before) answering normally. */
export type SandboxFault =
  | { kind: "latency"; ms: number }
  | { kind: "status"; status: number; message?: string }
  | { kind: "drop" }
  | { kind: "malformed" }
  | { kind: "rate_limit"; retryAfter: number | string }
  /**
   * Cal.com does the work (creates, updates, deletes) but the answer never arrives: the connection is
   * closed instead. What a caller sees when Cal.com, the network or the caller itself fails mid-call.
   */
  | { kind: "lost_response" };

/**
 * "PATCH /v2/event-types/{eventTypeId}" (an operation of the spec), "PATCH *" (every path of a method)
 * or "*" (everything).
 */
export type EndpointMatcher = string;

interface ActiveFault {
  matcher: EndpointMatcher;
  fault: SandboxFault;
  remaining: number;
}

export class FaultTable {
  private faults: ActiveFault[] = [];

  /** `times` limits the fault to the next n matching requests; by default it stays until cleared. */
  set(matcher: EndpointMatcher, fault: SandboxFault, times = Number.POSITIVE_INFINITY): void {
    this.faults = this.faults.filter((f) => f.matcher !== matcher);
    this.faults.push({ matcher, fault, remaining: times });
  }

  clear(): void {
    this.faults = [];
  }

  /** The fault for this request, if any; counts it against `times`. */
  take(method: string, template: string): SandboxFault | undefined {
    const upper = method.toUpperCase();
    const active = this.faults.find(
      (f) => f.matcher === "*" || f.matcher === `${upper} *` || f.matcher === `${upper} ${template}`,
    );
    if (!active) return undefined;
    active.remaining--;
    if (active.remaining <= 0) this.faults = this.faults.filter((f) => f !== active);
    return active.fault;
  }
}
