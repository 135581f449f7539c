import type { ApiIssue } from "./api-error";

export interface FieldErrorsResult<F extends string> {
  /** The first issue for each known field. */
  byField: Partial<Record<F, ApiIssue>>;
  /** Issues that belong to no field of the form (shown above it so none is lost). */
  unplaced: ApiIssue[];
}

/**
 * Sorts validation issues (from the client schema or the server's BAD_REQUEST) onto form fields by the
 * first segment of their path.
 */
export function issuesByField<F extends string>(issues: readonly ApiIssue[], fields: readonly F[]): FieldErrorsResult<F> {
  const known = new Set<string>(fields);
  const byField: Partial<Record<F, ApiIssue>> = {};
  const unplaced: ApiIssue[] = [];
  for (const issue of issues) {
    const head = issue.path[0];
    if (typeof head === "string" && known.has(head)) {
      const field = head as F;
      byField[field] ??= issue;
    } else {
      unplaced.push(issue);
    }
  }
  return { byField, unplaced };
}
