import { describe, expect, it } from "vitest";
import { parseArgs } from "./args";

const KNOWN = ["pickup", "bulk"];

describe("parseArgs", () => {
  it("runs everything and writes the report by default", () => {
    expect(parseArgs([], {}, KNOWN)).toEqual({ only: [], quick: false, profile: false, write: true });
  });

  it("takes --only in both spellings and several ids, and then leaves the report alone", () => {
    expect(parseArgs(["--only", "pickup,bulk"], {}, KNOWN)).toMatchObject({ only: ["pickup", "bulk"], write: false });
    expect(parseArgs(["--only=bulk"], {}, KNOWN)).toMatchObject({ only: ["bulk"], write: false });
  });

  it("reads flags npm turned into settings", () => {
    expect(parseArgs([], { npm_config_quick: "true", npm_config_profile: "true" }, KNOWN)).toMatchObject({ quick: true, profile: true, write: false });
  });

  it("names the benchmarks when an id is unknown", () => {
    expect(() => parseArgs(["--only", "pikcup"], {}, KNOWN)).toThrow("Unknown benchmark pikcup: choose from pickup, bulk");
    expect(() => parseArgs(["--fast"], {}, KNOWN)).toThrow(/Unknown argument --fast/);
  });
});
