import { describe, expect, it } from "vitest";
import { pageWindow, parseListParams, toSearchParams } from "./list-params";

describe("parseListParams", () => {
  it("reads search, status, the changed filter and page", () => {
    expect(parseListParams(new URLSearchParams("q=beratung&status=error&changed=1&page=3"))).toEqual({
      search: "beratung",
      status: "error",
      changed: true,
      page: 3,
    });
  });

  it("ignores values a hand-edited URL might carry", () => {
    expect(parseListParams(new URLSearchParams("status=bogus&page=-2"))).toEqual({ search: "", status: undefined, changed: false, page: 1 });
    expect(parseListParams(new URLSearchParams("changed=yes")).changed).toBe(false);
    expect(parseListParams(new URLSearchParams("page=1.5")).page).toBe(1);
    expect(parseListParams(new URLSearchParams("page=abc")).page).toBe(1);
  });

  it("round-trips through toSearchParams and leaves defaults out of the URL", () => {
    const params = { search: "x y", status: "pending" as const, changed: true, page: 2 };
    expect(parseListParams(toSearchParams(params))).toEqual(params);
    expect(toSearchParams({ search: "  ", status: undefined, changed: false, page: 1 }).toString()).toBe("");
  });
});

describe("pageWindow", () => {
  it("gives 1-based positions and the page count", () => {
    expect(pageWindow(1, 20, 45, 20)).toEqual({ from: 1, to: 20, pageCount: 3 });
    expect(pageWindow(3, 20, 45, 5)).toEqual({ from: 41, to: 45, pageCount: 3 });
  });

  it("handles an empty result", () => {
    expect(pageWindow(1, 20, 0, 0)).toEqual({ from: 0, to: 0, pageCount: 1 });
  });
});
