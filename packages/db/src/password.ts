import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from "node:crypto";

/**
 * scrypt (memory-hard): N=2^15, r=8 needs 32 MiB per hash, ~50-100 ms here. The parameters are stored
 * with each hash, so raising them later does not invalidate existing passwords.
 */
const PARAMS = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 64;

/** scrypt itself: node:crypto's on libuv's thread pool unless a caller brings its own (another thread, another priority). */
export type Scrypt = (password: string, salt: Buffer, keyLength: number, options: ScryptOptions) => Promise<Uint8Array>;

const threadPoolScrypt: Scrypt = (password, salt, keyLength, options) =>
  new Promise((resolve, reject) => scrypt(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))));

function derive(password: string, salt: Buffer, params: typeof PARAMS, keyLength: number, run: Scrypt = threadPoolScrypt): Promise<Uint8Array> {
  return run(password.normalize("NFKC"), salt, keyLength, { ...params, maxmem: 256 * params.N * params.r });
}

/** Format: `scrypt$<N>$<r>$<p>$<salt base64>$<hash base64>`. */
export async function hashPassword(password: string, run?: Scrypt): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS, KEY_LENGTH, run);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64"), Buffer.from(key).toString("base64")].join("$");
}

export async function verifyPassword(password: string, encoded: string, run?: Scrypt): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = encoded.split("$");
  if (scheme !== "scrypt" || !salt || !hash) return false;
  const expected = Buffer.from(hash, "base64");
  const actual = await derive(password, Buffer.from(salt, "base64"), { N: Number(n), r: Number(r), p: Number(p) }, expected.length, run);
  return timingSafeEqual(actual, expected);
}
