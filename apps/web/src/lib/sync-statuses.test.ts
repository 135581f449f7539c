import { SYNC_STATUSES as DOMAIN_SYNC_STATUSES } from "@askpro/domain";
import { expect, it } from "vitest";
import { SYNC_STATUSES } from "./sync-statuses";

it("lists the domain's statuses in the domain's order", () => {
  expect(SYNC_STATUSES).toEqual(DOMAIN_SYNC_STATUSES);
});
