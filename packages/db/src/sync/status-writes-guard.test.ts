import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { SYNC_STATUSES } from "@askpro/domain";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "../../../..");
const THE_MODULE = "packages/db/src/sync/sync-records.ts";
/** A status spelled in SQL (`sync_status = 'pending'`, `SET sync_status = ...`) or an ORM write of syncStatus. */
const STATUS_IN_SQL = new RegExp(`sync_status\\s*(=|<>|!=|IN\\s*\\()\\s*'(${SYNC_STATUSES.join("|")})'|SET\\s+sync_status`, "i");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === "node_modules" || entry.name === "dist" || entry.name.startsWith(".")) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe("sync status writes", () => {
  it("are spelled in SQL only by the sync's data-access module", () => {
    const offenders = ["apps", "packages"]
      .flatMap((dir) => sourceFiles(join(ROOT, dir)))
      .map((path) => relative(ROOT, path))
      .filter((path) => path !== THE_MODULE && !path.includes("/migrations/") && !path.includes("/test/") && !path.includes("/testing/"))
      .filter((path) => STATUS_IN_SQL.test(readFileSync(join(ROOT, path), "utf8")));
    expect(offenders).toEqual([]);
  });
});
