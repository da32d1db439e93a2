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
}

export const SECRET_SEALER = Symbol('stepwise.secret-sealer');
