import { describe, expect, it } from "vitest";
import { issuesByField } from "./field-errors";

const fields = ["name", "slug", "durationMinutes"] as const;

describe("issuesByField", () => {
  it("puts each issue on the field named by the first path segment", () => {
    const result = issuesByField(
      [
        { path: ["name"], message: "Too short" },
        { path: ["durationMinutes"], message: "Too big", code: "too_big" },
      ],
      fields,
    );
    expect(result.byField.name?.message).toBe("Too short");
    expect(result.byField.durationMinutes?.code).toBe("too_big");
    expect(result.byField.slug).toBeUndefined();
    expect(result.unplaced).toEqual([]);
  });

  it("keeps the first issue when a field has several", () => {
    const result = issuesByField(
      [
        { path: ["slug"], message: "first" },
        { path: ["slug"], message: "second" },
      ],
      fields,
    );
    expect(result.byField.slug?.message).toBe("first");
  });

  it("returns issues for unknown fields or the whole object so the form can still show them", () => {
    const unknown = { path: ["version"], message: "stale" };
    const root = { path: [], message: "bad object" };
    expect(issuesByField([unknown, root], fields).unplaced).toEqual([unknown, root]);
  });
});
