import { createEnv } from "@t3-oss/env-core";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { composeEnv, type PresetOptions } from "./compose-env";
import { LOG_LEVEL, NODE_ENV } from "./shared-env";

const portPreset = (options: PresetOptions) =>
  createEnv({ server: { PORT: z.coerce.number({ error: "PORT must be a number" }).default(3000) }, ...options });
const modePreset = (options: PresetOptions) => createEnv({ server: { NODE_ENV, LOG_LEVEL }, ...options });
const namePreset = (options: PresetOptions) =>
  createEnv({ server: { NAME: z.string().min(3, "must be at least 3 characters"), NODE_ENV }, ...options });

const composed = (options: PresetOptions) =>
  createEnv({ extends: [portPreset(options), modePreset(options), namePreset(options)], server: {}, ...options });

describe("composeEnv", () => {
  it("returns what every preset read, with their defaults", () => {
    expect(composeEnv({ NAME: "askpro", PORT: "8080" }, composed)).toEqual({
      env: { PORT: 8080, NODE_ENV: "development", LOG_LEVEL: "info", NAME: "askpro" },
      problems: [],
    });
  });

  it("judges every preset, not only the first that fails, and names each variable once", () => {
    const { env, problems } = composeEnv({ PORT: "eighty", NODE_ENV: "staging", NAME: "x" }, composed);
    expect(problems).toEqual([
      "PORT must be a number",
      "NODE_ENV must be development, test or production",
      "NAME must be at least 3 characters",
    ]);
    expect(env).toEqual({});
  });

  it("keeps what the presets that passed returned", () => {
    expect(composeEnv({ PORT: "eighty", NAME: "askpro" }, composed)).toEqual({
      env: { NODE_ENV: "development", LOG_LEVEL: "info", NAME: "askpro" },
      problems: ["PORT must be a number"],
    });
  });

  it("counts blank values as unset, and leaves the source as it was", () => {
    const source = { PORT: "", LOG_LEVEL: "  ", NAME: "askpro" };
    expect(composeEnv(source, composed).env).toMatchObject({ PORT: 3000, LOG_LEVEL: "info" });
    expect(source).toEqual({ PORT: "", LOG_LEVEL: "  ", NAME: "askpro" });
  });
});
