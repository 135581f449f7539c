import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Secrets at rest (a company's Cal.com API key): AES-256-GCM under a key derived from APP_SECRET.
 * Stored as `v1:<iv>:<tag>:<ciphertext>` (base64url), so a later format or key derivation can be
 * told apart from this one and migrated. Which APP_SECRET applies is ./app-secret-env.ts's rule.
 */

const FORMAT_VERSION = "v1";
/** Binds the derived key to this use: the same APP_SECRET yields unrelated keys for other purposes. */
const HKDF_INFO = "askpro-gateway secrets v1 aes-256-gcm";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Its message never holds the secret, the stored value or APP_SECRET. */
export class SecretDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretDecryptionError";
  }
}

function deriveKey(appSecret: string): Buffer {
  if (!appSecret) throw new Error("APP_SECRET is empty: secrets cannot be encrypted or decrypted");
  return Buffer.from(hkdfSync("sha256", appSecret, Buffer.alloc(0), HKDF_INFO, KEY_BYTES));
}

export function encryptSecret(plain: string, appSecret: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", deriveKey(appSecret), iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [FORMAT_VERSION, iv, tag, ciphertext].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(":");
}

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function decryptSecret(blob: string, appSecret: string): string {
  const parts = blob.split(":");
  const [version, ivText, tagText, ciphertextText] = parts;
  if (parts.length !== 4 || version !== FORMAT_VERSION || ![ivText, tagText, ciphertextText].every((part) => BASE64URL.test(part ?? ""))) {
    throw new SecretDecryptionError(`The stored secret is not in a known format (expected ${FORMAT_VERSION}:<iv>:<tag>:<ciphertext>)`);
  }
  const iv = Buffer.from(ivText as string, "base64url");
  const tag = Buffer.from(tagText as string, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new SecretDecryptionError("The stored secret is damaged (its IV or tag has the wrong length)");
  }
  const decipher = createDecipheriv("aes-256-gcm", deriveKey(appSecret), iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertextText as string, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretDecryptionError(
      "The stored secret cannot be decrypted: APP_SECRET is not the one it was encrypted with, or the stored value was altered",
    );
  }
}
