/**
 * The secrets a webhook endpoint's messages are signed with at a moment: its current one, and the
 * one its last rotation replaced until that one expires (Standard Webhooks: one signature per
 * secret, so a receiver holding either verifies). Deliveries and test messages both sign with these.
 */
import type { SecretSealer } from '@stepwise/nudges-application/read';

export interface SealedEndpointSecrets {
  readonly sealed_secret: string;
  readonly previous_sealed_secret: string | null;
  readonly previous_secret_expires_at: Date | string | null;
}

export const endpointSigningSecrets = async (row: SealedEndpointSecrets, now: Date, sealer: SecretSealer): Promise<string[]> => {
  const previousValid = row.previous_sealed_secret !== null && row.previous_secret_expires_at !== null && new Date(row.previous_secret_expires_at).getTime() > now.getTime();
  const sealed = previousValid ? [row.sealed_secret, row.previous_sealed_secret as string] : [row.sealed_secret];
  return Promise.all(sealed.map((value) => sealer.unseal(value)));
};
