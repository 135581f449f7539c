// Maintained by `npm run migration:create -w @askpro/db`: every migration, in order.
import { Migration20261124090417_initial } from "./Migration20261124090417_initial";
import { Migration20261124092024_attempt_log } from "./Migration20261124092024_attempt_log";
import { Migration20261124093206_worker_heartbeats } from "./Migration20261124093206_worker_heartbeats";
import { Migration20261124095517_sign_in_throttles } from "./Migration20261124095517_sign_in_throttles";
import { Migration20261124123000_service_search } from "./Migration20261124123000_service_search";
import { Migration20261124131000_service_search_text } from "./Migration20261124131000_service_search_text";
import { Migration20261202090100_sync_attempt_kind } from "./Migration20261202090100_sync_attempt_kind";
import { Migration20261202090300_sync_reason_and_digest } from "./Migration20261202090300_sync_reason_and_digest";
import { Migration20261202090400_service_deletion } from "./Migration20261202090400_service_deletion";
import { Migration20261202090509_calcom_assignment_and_create } from "./Migration20261202090509_calcom_assignment_and_create";
import { Migration20261202090926_calcom_rate_budgets } from "./Migration20261202090926_calcom_rate_budgets";
import { Migration20261202091159_service_edits } from "./Migration20261202091159_service_edits";
import { Migration20261202091507_worker_metrics_url } from "./Migration20261202091507_worker_metrics_url";
import { Migration20261202094104_service_drift } from "./Migration20261202094104_service_drift";
import { Migration20261202094303_company_auto_sync } from "./Migration20261202094303_company_auto_sync";
import { Migration20261202095345_company_sync_pause } from "./Migration20261202095345_company_sync_pause";
import { Migration20261202095500_bulk_sync_runs } from "./Migration20261202095500_bulk_sync_runs";
import { Migration20261202100246_calcom_budget_window_start } from "./Migration20261202100246_calcom_budget_window_start";
import { Migration20261202125802_bulk_item_attempt_index } from "./Migration20261202125802_bulk_item_attempt_index";

export const migrations = [
  { name: "Migration20261124090417_initial", class: Migration20261124090417_initial },
  { name: "Migration20261124092024_attempt_log", class: Migration20261124092024_attempt_log },
  { name: "Migration20261124093206_worker_heartbeats", class: Migration20261124093206_worker_heartbeats },
  { name: "Migration20261124095517_sign_in_throttles", class: Migration20261124095517_sign_in_throttles },
  { name: "Migration20261124123000_service_search", class: Migration20261124123000_service_search },
  { name: "Migration20261124131000_service_search_text", class: Migration20261124131000_service_search_text },
  { name: "Migration20261202090100_sync_attempt_kind", class: Migration20261202090100_sync_attempt_kind },
  { name: "Migration20261202090300_sync_reason_and_digest", class: Migration20261202090300_sync_reason_and_digest },
  { name: "Migration20261202090400_service_deletion", class: Migration20261202090400_service_deletion },
  { name: "Migration20261202090509_calcom_assignment_and_create", class: Migration20261202090509_calcom_assignment_and_create },
  { name: "Migration20261202090926_calcom_rate_budgets", class: Migration20261202090926_calcom_rate_budgets },
  { name: "Migration20261202091159_service_edits", class: Migration20261202091159_service_edits },
  { name: "Migration20261202091507_worker_metrics_url", class: Migration20261202091507_worker_metrics_url },
  { name: "Migration20261202094104_service_drift", class: Migration20261202094104_service_drift },
  { name: "Migration20261202094303_company_auto_sync", class: Migration20261202094303_company_auto_sync },
  { name: "Migration20261202095345_company_sync_pause", class: Migration20261202095345_company_sync_pause },
  { name: "Migration20261202095500_bulk_sync_runs", class: Migration20261202095500_bulk_sync_runs },
  { name: "Migration20261202100246_calcom_budget_window_start", class: Migration20261202100246_calcom_budget_window_start },
  { name: "Migration20261202125802_bulk_item_attempt_index", class: Migration20261202125802_bulk_item_attempt_index },
];
