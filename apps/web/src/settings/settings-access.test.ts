import { describe, expect, it } from "vitest";
import { settingsAccessOf } from "./settings-access";

const company = { id: "c1", name: "AskProAI", slug: "askproai" };

describe("settingsAccessOf", () => {
  it("lets owners and admins of a company in", () => {
    expect(settingsAccessOf({ role: "owner", company })).toBe("allowed");
    expect(settingsAccessOf({ role: "admin", company })).toBe("allowed");
  });

  it("gives viewers read-only access, with or without a company", () => {
    expect(settingsAccessOf({ role: "viewer", company })).toBe("read_only");
    expect(settingsAccessOf({ role: "viewer", company: null })).toBe("read_only");
  });

  it("has no company to configure for a platform operator", () => {
    expect(settingsAccessOf({ role: "admin", company: null })).toBe("no_company");
  });
});
