/**
 * Vitest globalSetup: builds the SPA once per run (`npm run build -w @askpro/web`) into a directory
 * of its own, so that the scenarios serve what the source says now without touching apps/web/dist,
 * which other suites build and serve.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { WEB_DIST_KEY } from "./web-dist";

const ROOT = join(import.meta.dirname, "../../..");

export default async function setup(project: TestProject): Promise<() => void> {
  const outDir = mkdtempSync(join(tmpdir(), "askpro-faults-web-"));
  try {
    await promisify(execFile)("npm", ["run", "build", "-w", "@askpro/web", "--", "--outDir", outDir, "--emptyOutDir"], {
      cwd: ROOT,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true });
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`Building the SPA failed:\n${stdout}\n${stderr}`);
  }
  project.provide(WEB_DIST_KEY, outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
