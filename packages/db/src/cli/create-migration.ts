/**
 * `npm run migration:create -w @askpro/db -- <name>`: writes a migration with the difference between the
 * entities and the schema that the committed migrations produce, measured on a throw-away embedded
 * PostgreSQL (so it never depends on the state of a developer's database), then updates the list.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmbeddedPostgres } from "../embedded";
import { createOrm, MIGRATIONS_SOURCE_DIR } from "../orm";

const name = process.argv[2];
if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
  console.error("Usage: npm run migration:create -w @askpro/db -- <name in kebab-case>");
  process.exit(2);
}

const directory = mkdtempSync(join(tmpdir(), "askpro-migration-"));
const server = await startEmbeddedPostgres({ dataDir: directory, ephemeral: true });
try {
  const orm = await createOrm(server.url);
  try {
    await orm.migrator.up();
    const result = await orm.migrator.create(MIGRATIONS_SOURCE_DIR, false, false, name);
    if (!result.diff.up.length) {
      console.log("The committed migrations already match the entities: nothing to create.");
    } else {
      console.log(`Created src/migrations/${result.fileName}`);
      writeMigrationList();
    }
  } finally {
    await orm.close();
  }
} finally {
  await server.stop();
  rmSync(directory, { recursive: true, force: true });
}

function writeMigrationList(): void {
  const modules = readdirSync(MIGRATIONS_SOURCE_DIR)
    .filter((file) => /^Migration\d+.*\.ts$/.test(file))
    .sort()
    .map((file) => {
      const className = /export class (\w+)/.exec(readFileSync(join(MIGRATIONS_SOURCE_DIR, file), "utf8"))?.[1];
      if (!className) throw new Error(`No migration class in ${file}`);
      return { module: `./${file.replace(/\.ts$/, "")}`, className };
    });
  const lines = [
    "// Maintained by `npm run migration:create -w @askpro/db`: every migration, in order.",
    ...modules.map(({ module, className }) => `import { ${className} } from "${module}";`),
    "",
    "export const migrations = [",
    ...modules.map(({ className }) => `  { name: "${className}", class: ${className} },`),
    "];",
    "",
  ];
  writeFileSync(join(MIGRATIONS_SOURCE_DIR, "index.ts"), lines.join("\n"));
}
