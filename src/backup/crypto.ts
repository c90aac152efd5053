import { ChatbotError } from '../core/errors';
import type { EncryptionParams } from '../storage';

/** Encryption parameters stored beside an encrypted payload (never the key or passphrase). */
export type { EncryptionParams } from '../storage';

/** OWASP's 2023 figure for PBKDF2-HMAC-SHA256; ~90 ms here. */
export const PBKDF2_ITERATIONS = 600_000;

function subtle(): SubtleCrypto {
  const api = globalThis.crypto?.subtle;
  if (!api) throw new ChatbotError('UNSUPPORTED', 'crypto.subtle needs a secure context (https or localhost)');
  return api;
}

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  // btoa takes a binary string; build it in slices so a large buffer never hits the argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(out);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * SHA-256 of a Blob as lowercase hex. crypto.subtle has no incremental digest, so the Blob is read
 * once into one buffer: this is the compressed (and encrypted) payload, far smaller than the data.
 * @example await sha256Hex(new Blob(['abc'])) // 'ba7816bf…'
 */
export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await subtle().digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function deriveKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number, usage: KeyUsage): Promise<CryptoKey> {
  const material = await subtle().importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}

/** Encrypts with AES-256-GCM under a PBKDF2 key; a fresh random salt and IV every time. */
export async function encryptBlob(blob: Blob, passphrase: string): Promise<{ blob: Blob; params: EncryptionParams }> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await deriveKey(passphrase, salt, PBKDF2_ITERATIONS, 'encrypt');
  const sealed = await subtle().encrypt({ name: 'AES-GCM', iv }, key, await blob.arrayBuffer());
  return {
    blob: new Blob([sealed], { type: 'application/octet-stream' }),
    params: { algorithm: 'AES-GCM', kdf: 'PBKDF2-SHA256', iterations: PBKDF2_ITERATIONS, salt: toBase64(salt), iv: toBase64(iv) },
  };
}

/**
 * Decrypts; the GCM tag check fails for a wrong passphrase (the checksum was verified before, so
 * the bytes themselves are intact) → WRONG_PASSPHRASE.
 */
export async function decryptBlob(blob: Blob, passphrase: string | undefined, params: EncryptionParams): Promise<Blob> {
  if (!passphrase) throw new ChatbotError('WRONG_PASSPHRASE', 'this backup is encrypted: pass { passphrase }');
  const key = await deriveKey(passphrase, fromBase64(params.salt), params.iterations, 'decrypt');
  try {
    const plain = await subtle().decrypt({ name: 'AES-GCM', iv: fromBase64(params.iv) }, key, await blob.arrayBuffer());
    return new Blob([plain]);
  } catch (error) {
    throw new ChatbotError('WRONG_PASSPHRASE', 'the passphrase does not open this backup', { cause: error });
  }
}
