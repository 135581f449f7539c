import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const SECRET_FILE = "app-secret";
const SECRET_BYTES = 32;
const MIN_LENGTH = 32;

/**
 * The APP_SECRET of a development data dir: `<dir>/app-secret`, made on first use from 32 random
 * bytes and readable by its owner only. Every process of one `npm run dev` (api, worker, seed,
 * verify) reads the same file, so the demo companies' keys the seed encrypts decrypt everywhere;
 * another data dir gets another secret.
 */
export function developmentAppSecret(directory: string): string {
  const file = join(directory, SECRET_FILE);
  let secret: string;
  try {
    mkdirSync(directory, { recursive: true });
    publishOnce(file, `${randomBytes(SECRET_BYTES).toString("base64url")}\n`);
    secret = readFileSync(file, "utf8").trim();
  } catch (error) {
    throw new Error(`APP_SECRET is unset and the development secret ${file} cannot be made or read (${(error as NodeJS.ErrnoException).code ?? "error"}): set APP_SECRET or ASKPRO_DATA_DIR`);
  }
  if (secret.length < MIN_LENGTH) {
    throw new Error(`APP_SECRET is unset and the development secret ${file} is shorter than ${MIN_LENGTH} characters: remove the file to make a new one, or set APP_SECRET`);
  }
  return secret;
}

/**
 * Writes a private temporary file and links it into place: the link either appears whole or fails
 * because the file exists, so processes starting together all end up reading the one winner.
 */
function publishOnce(file: string, content: string): void {
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString("hex")}`;
  writeFileSync(temporary, content, { flag: "wx", mode: 0o600 });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    rmSync(temporary, { force: true });
  }
}
