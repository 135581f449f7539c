import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { secretRedactor } from "./secrets";
import { loadSettings } from "./settings";

const ASKPRO_DATA_DIR = mkdtempSync(join(tmpdir(), "askpro-verify-redact-"));
afterAll(() => rmSync(ASKPRO_DATA_DIR, { recursive: true, force: true }));

describe("secretRedactor", () => {
  it("also hides the development APP_SECRET of the data dir, which is in no variable", () => {
    const source = { ASKPRO_DATA_DIR, DATABASE_URL: "postgres://askpro:db-password@db.internal:5432/askpro" };
    const redact = secretRedactor(source, loadSettings(source));
    const developmentSecret = readFileSync(join(ASKPRO_DATA_DIR, "app-secret"), "utf8").trim();
    expect(redact(`driver said: ${developmentSecret} / db-password`)).toBe("driver said: [redacted] / [redacted]");
  });
});
