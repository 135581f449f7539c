import { countServices, type ServiceCount } from "@askpro/db";
import { type Check, pass, warn } from "../check";

/** Below this share of linked services in sync, something keeps syncs from finishing. */
const MIN_SYNCED_SHARE = 0.95;

interface CompanySummary {
  company: string;
  linked: number;
  synced: number;
  pending: number;
  error: number;
  never: number;
  unlinked: number;
  /** Linked services being deleted (their event type is being hidden or deleted), or whose deletion failed: not counted as linked. */
  deleting: number;
  deleteFailed: number;
}

export const syncSummaryCheck: Check = {
  id: "sync-summary",
  title: "Services in sync with Cal.com",
  needs: ["migrations"],
  async run(ctx) {
    const rows = await countServices((await ctx.orm()).em.fork());
    const companies = summarise(rows);
    const linked = companies.reduce((sum, company) => sum + company.linked, 0);
    const synced = companies.reduce((sum, company) => sum + company.synced, 0);
    if (linked === 0) return pass("no service is linked to a Cal.com event type yet", { companies });
    const share = synced / linked;
    const lines = [`${percent(share)} of ${linked} linked services synced`, ...companies.map(describe)];
    const data = { companies, linked, synced, share };
    if (share < MIN_SYNCED_SHARE) {
      return warn(lines.join("\n"), "open the services marked failed or never synced and sync them; their page shows the last error", data);
    }
    return pass(lines.join("\n"), data);
  },
};

function summarise(rows: ServiceCount[]): CompanySummary[] {
  const byCompany = new Map<string, CompanySummary>();
  for (const row of rows) {
    if (row.syncStatus === null) continue; // a company without services
    const summary = byCompany.get(row.companyId) ?? { company: row.companyName, linked: 0, synced: 0, pending: 0, error: 0, never: 0, unlinked: 0, deleting: 0, deleteFailed: 0 };
    byCompany.set(row.companyId, summary);
    if (!row.linked) {
      summary.unlinked += row.services;
      continue;
    }
    // On their way out: whether they are in step no longer matters.
    if (row.syncStatus === "deleting" || row.syncStatus === "delete_failed") {
      summary[row.syncStatus === "deleting" ? "deleting" : "deleteFailed"] += row.services;
      continue;
    }
    summary.linked += row.services;
    summary[row.syncStatus] += row.services;
  }
  return [...byCompany.values()];
}

function describe(summary: CompanySummary): string {
  const parts = [`${summary.synced}/${summary.linked} synced`];
  if (summary.pending) parts.push(`${summary.pending} pending`);
  if (summary.error) parts.push(`${summary.error} failed`);
  if (summary.never) parts.push(`${summary.never} never synced`);
  if (summary.unlinked) parts.push(`${summary.unlinked} without event type`);
  if (summary.deleting) parts.push(`${summary.deleting} being deleted`);
  if (summary.deleteFailed) parts.push(`${summary.deleteFailed} whose deletion failed`);
  const share = summary.linked ? ` (${percent(summary.synced / summary.linked)})` : "";
  return `${summary.company}: ${parts.join(", ")}${share}`;
}

const percent = (share: number) => `${Math.floor(share * 1000) / 10}%`;
