import { describe, expect, it } from "vitest";
import { HOME_PATH, loginPathFor, safeRedirectTarget } from "./redirect";

describe("safeRedirectTarget", () => {
  it("returns to the page the person came from", () => {
    expect(safeRedirectTarget("/services/abc/edit")).toBe("/services/abc/edit");
    expect(safeRedirectTarget("/services?status=error&page=2")).toBe("/services?status=error&page=2");
  });

  it("never leaves the site", () => {
    for (const next of ["//evil.test", "/\\evil.test", "https://evil.test", "evil.test", "javascript:alert(1)"]) {
      expect(safeRedirectTarget(next), next).toBe(HOME_PATH);
    }
  });

  it("falls back to the services list when there is no target or it is the login page", () => {
    expect(safeRedirectTarget(null)).toBe(HOME_PATH);
    expect(safeRedirectTarget("")).toBe(HOME_PATH);
    expect(safeRedirectTarget("/login?next=%2Fservices")).toBe(HOME_PATH);
  });
});

describe("loginPathFor", () => {
  it("remembers a deep link, encoded", () => {
    expect(loginPathFor("/services/42?tab=x")).toBe("/login?next=%2Fservices%2F42%3Ftab%3Dx");
    expect(safeRedirectTarget(new URLSearchParams(loginPathFor("/services/42?tab=x").split("?")[1]).get("next"))).toBe(
      "/services/42?tab=x",
    );
  });

  it("keeps the login URL plain for the home page", () => {
    expect(loginPathFor("/")).toBe("/login");
    expect(loginPathFor(HOME_PATH)).toBe("/login");
  });
});
