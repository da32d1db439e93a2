/**
 * Seals secrets (webhook signing secrets now, channel tokens next) for storage, and opens them again
 * for whoever must use them (the webhook sender). Only sealed values are written to events and read
 * tables; plaintext lives in memory, for the moment it is needed.
 */
export interface SecretSealer {
  /** The secret encrypted and authenticated; sealing the same secret twice gives two different strings. */
  seal(plaintext: string): Promise<string>;
  /**
   * The plaintext of a sealed secret. Throws a CodedError when it was altered (SECRET_UNSEAL_FAILED),
   * or was sealed under a key this process does not hold (SECRET_KEY_UNKNOWN).
   */
  unseal(sealed: string): Promise<string>;
  /**
   * A keyed digest of a secret (an HMAC under a key derived from the sealing key for this use alone),
   * the same for the same secret: a command's fingerprint carries it, so a retry with another secret
   * under the same clientMutationId is told apart without the secret, or a plain hash of it, being
   * stored. It follows the current key, so after a key rotation a retry of a command sent before it
   * is refused as other input.
   */
  fingerprintOf(secret: string): Promise<string>;
}

export const SECRET_SEALER = Symbol('stepwise.secret-sealer');
