/**
 * Keyed digests of secrets for command fingerprints: HMAC-SHA256 under a key derived with HKDF from
 * the secrets key, under a label of its own, so it is used for nothing else and tells nothing of the
 * sealing key. Without the key a digest cannot be checked against guessed secrets.
 */
import { createHmac, hkdfSync } from 'node:crypto';

const FINGERPRINT_KEY_LABEL = 'stepwise-secret-fingerprint-v1';
const FINGERPRINT_KEY_BYTES = 32;

/** The fingerprint key derived from a secrets key. */
export const secretFingerprintKey = (secretsKey: Buffer): Buffer =>
  Buffer.from(hkdfSync('sha256', secretsKey, Buffer.alloc(0), FINGERPRINT_KEY_LABEL, FINGERPRINT_KEY_BYTES));

/** The secret's HMAC-SHA256 under the fingerprint key, base64url. */
export const secretFingerprint = (fingerprintKey: Buffer, secret: string): string => createHmac('sha256', fingerprintKey).update(secret, 'utf8').digest('base64url');
