/**
 * AES-256-GCM sealing of secrets at rest. A sealed value reads
 *
 *   sb1.<keyId>.<iv>.<ciphertext>.<tag>      (the last three base64url)
 *
 * `sb1` names this format and `keyId` the key (a digest of it, never the key): a box holds the
 * current key and may hold older ones, so keys can be rotated later without re-sealing everything
 * at once. Each seal draws a fresh random 12-byte IV; the version and key id are authenticated as
 * associated data, so no part of a sealed value can be altered or swapped unnoticed. Fingerprints of
 * secrets are HMACs under a key derived from the current one (see secret-fingerprint.ts).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { SecretSealer } from '@stepwise/nudges-application';
import { SecretKeyUnknownError, SecretUnsealError } from './secret-box.errors';
import { secretFingerprint, secretFingerprintKey } from './secret-fingerprint';

const VERSION = 'sb1';
const ALGORITHM = 'aes-256-gcm';
export const SECRETS_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** A short, stable name for a key: the first 12 hex digits of its SHA-256. */
export const secretsKeyId = (key: Buffer): string => createHash('sha256').update('stepwise-secrets-key').update(key).digest('hex').slice(0, 12);

export interface SecretBoxKeys {
  /** Seals and unseals. */
  readonly current: Buffer;
  /** Only unseal: keys rotated out whose sealed values may still be stored. */
  readonly previous?: readonly Buffer[];
}

export class SecretBox implements SecretSealer {
  readonly keyId: string;
  private readonly keys = new Map<string, Buffer>();
  private readonly fingerprintKey: Buffer;

  constructor({ current, previous = [] }: SecretBoxKeys) {
    for (const key of [current, ...previous]) {
      if (key.length !== SECRETS_KEY_BYTES) throw new RangeError(`A secrets key is ${SECRETS_KEY_BYTES} bytes`);
      if (!this.keys.has(secretsKeyId(key))) this.keys.set(secretsKeyId(key), Buffer.from(key));
    }
    this.keyId = secretsKeyId(current);
    this.fingerprintKey = secretFingerprintKey(current);
  }

  async fingerprintOf(secret: string): Promise<string> {
    return secretFingerprint(this.fingerprintKey, secret);
  }

  async seal(plaintext: string): Promise<string> {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.keys.get(this.keyId)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(`${VERSION}.${this.keyId}`));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, this.keyId, iv.toString('base64url'), ciphertext.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  async unseal(sealed: string): Promise<string> {
    const parts = typeof sealed === 'string' ? sealed.split('.') : [];
    if (parts.length !== 5 || parts[0] !== VERSION || !parts.slice(2).every((part) => BASE64URL.test(part))) throw new SecretUnsealError('MALFORMED');
    const [version, keyId, ivText, ciphertextText, tagText] = parts;
    const key = this.keys.get(keyId);
    if (!key) throw new SecretKeyUnknownError(keyId);
    const iv = Buffer.from(ivText, 'base64url');
    const tag = Buffer.from(tagText, 'base64url');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretUnsealError('MALFORMED');
    try {
      const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(`${version}.${keyId}`));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(Buffer.from(ciphertextText, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretUnsealError('AUTHENTICATION_FAILED');
    }
  }
}
