import { describe, expect, it } from "vitest";
import { safeHttpUrl } from "./safe-url";

describe("safeHttpUrl", () => {
  it("keeps web links", () => {
    expect(safeHttpUrl("https://app.cal.com/event-types/3664712")).toBe("https://app.cal.com/event-types/3664712");
    expect(safeHttpUrl("http://127.0.0.1:5555/event-types/1")).toBe("http://127.0.0.1:5555/event-types/1");
  });

  it("refuses script, data and relative URLs and missing values", () => {
    for (const url of ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>x</b>", "/event-types/1", "", null, undefined]) {
      expect(safeHttpUrl(url), String(url)).toBeNull();
    }
  });
});
