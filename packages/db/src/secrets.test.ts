import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, SecretDecryptionError } from "./secrets";

const APP_SECRET = "unit-test-app-secret-0123456789abcdef";
const API_KEY = "cal_live_0123456789abcdef0123456789abcdef";

/** The error a call throws (fails the test when it does not throw). */
function thrownBy(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the call to throw");
}

describe("encryptSecret / decryptSecret", () => {
  it("round-trips, including non-ASCII text", () => {
    for (const plain of [API_KEY, "", "schlüssel-🔑"]) expect(decryptSecret(encryptSecret(plain, APP_SECRET), APP_SECRET)).toBe(plain);
  });

  it("writes v1:<iv>:<tag>:<ciphertext> in base64url with a 12-byte IV and a 16-byte tag, never the plain text", () => {
    const blob = encryptSecret(API_KEY, APP_SECRET);
    const [version, iv, tag, ciphertext, ...rest] = blob.split(":");
    expect(rest).toEqual([]);
    expect(version).toBe("v1");
    for (const part of [iv, tag, ciphertext]) expect(part).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(iv as string, "base64url")).toHaveLength(12);
    expect(Buffer.from(tag as string, "base64url")).toHaveLength(16);
    expect(Buffer.from(ciphertext as string, "base64url")).toHaveLength(Buffer.byteLength(API_KEY));
    expect(blob).not.toContain(API_KEY);
    expect(Buffer.from(ciphertext as string, "base64url").toString("utf8")).not.toContain("cal_");
  });

  it("uses a fresh IV every time, so equal keys do not look equal at rest", () => {
    const blobs = new Set(Array.from({ length: 20 }, () => encryptSecret(API_KEY, APP_SECRET)));
    expect(blobs.size).toBe(20);
    expect(new Set([...blobs].map((blob) => blob.split(":")[1])).size).toBe(20);
  });

  it("detects tampering with the ciphertext, the tag or the IV", () => {
    const [version, iv, tag, ciphertext] = encryptSecret(API_KEY, APP_SECRET).split(":") as [string, string, string, string];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, "base64url");
      bytes[0] = (bytes[0] ?? 0) ^ 0x01;
      return bytes.toString("base64url");
    };
    for (const altered of [
      [version, iv, tag, flip(ciphertext)],
      [version, iv, flip(tag), ciphertext],
      [version, flip(iv), tag, ciphertext],
    ]) {
      const error = thrownBy(() => decryptSecret(altered.join(":"), APP_SECRET));
      expect(error).toBeInstanceOf(SecretDecryptionError);
      expect(error.message).toMatch(/cannot be decrypted: APP_SECRET is not the one it was encrypted with, or the stored value was altered/);
    }
  });

  it("refuses another APP_SECRET with a clear error that names no secret", () => {
    const blob = encryptSecret(API_KEY, APP_SECRET);
    const otherSecret = "another-app-secret-0123456789abcdefgh";
    const error = thrownBy(() => decryptSecret(blob, otherSecret));
    expect(error).toBeInstanceOf(SecretDecryptionError);
    expect(error.message).toContain("APP_SECRET is not the one it was encrypted with");
    for (const secret of [API_KEY, APP_SECRET, otherSecret, blob, ...blob.split(":").slice(1)]) {
      expect(error.message).not.toContain(secret);
      expect(String(error.stack)).not.toContain(secret);
    }
    expect(error.cause).toBeUndefined();
  });

  it.each([
    ["plain text", API_KEY],
    ["an unknown version", encryptSecret(API_KEY, APP_SECRET).replace(/^v1:/, "v2:")],
    ["missing parts", "v1:abc:def"],
    ["non-base64url parts", "v1:a+b:c/d:e=f"],
    ["a truncated IV", `v1:${Buffer.alloc(8).toString("base64url")}:${Buffer.alloc(16).toString("base64url")}:abcd`],
  ])("rejects %s as an unknown format, without echoing the value", (_, blob) => {
    const error = thrownBy(() => decryptSecret(blob, APP_SECRET));
    expect(error).toBeInstanceOf(SecretDecryptionError);
    expect(error.message).toMatch(/not in a known format|is damaged/);
    expect(error.message).not.toContain(blob);
  });

  it("refuses an empty APP_SECRET instead of encrypting under a guessable key", () => {
    expect(thrownBy(() => encryptSecret(API_KEY, "")).message).toBe("APP_SECRET is empty: secrets cannot be encrypted or decrypted");
  });
});
