import { describe, expect, it } from "vitest";
import { LIST_POLL_MS, listPollInterval, SERVICE_POLL_MS, servicePollInterval } from "./live-status";

describe("servicePollInterval", () => {
  it("polls every 500 ms while the service is pending and stops otherwise", () => {
    expect(SERVICE_POLL_MS).toBe(500);
    expect(servicePollInterval({ syncStatus: "pending" })).toBe(500);
    expect(servicePollInterval({ syncStatus: "synced" })).toBe(false);
    expect(servicePollInterval({ syncStatus: "error" })).toBe(false);
    expect(servicePollInterval({ syncStatus: "never" })).toBe(false);
    expect(servicePollInterval(undefined)).toBe(false);
  });
});

describe("listPollInterval", () => {
  it("polls every second while any listed service is pending", () => {
    expect(LIST_POLL_MS).toBe(1000);
    expect(listPollInterval({ items: [{ syncStatus: "synced" }, { syncStatus: "pending" }] })).toBe(1000);
  });

  it("does not poll when nothing listed is pending, or before the list loaded", () => {
    expect(listPollInterval({ items: [{ syncStatus: "synced" }, { syncStatus: "error" }] })).toBe(false);
    expect(listPollInterval({ items: [] })).toBe(false);
    expect(listPollInterval(undefined)).toBe(false);
  });
});
