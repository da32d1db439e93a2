/**
 * The secrets a webhook endpoint's messages are signed with at a moment: its current one, and the
 * one its last rotation replaced until that one expires (Standard Webhooks: one signature per
 * secret, so a receiver holding either verifies). Deliveries and test messages both sign with these.
 */
import type { SecretSealer } from '@stepwise/nudges-application/read';
import { unopenedSecretReason } from '../secrets/secret-box.errors';

export interface SealedEndpointSecrets {
  readonly sealed_secret: string;
  readonly previous_sealed_secret: string | null;
  readonly previous_secret_expires_at: Date | string | null;
}

export const endpointSigningSecrets = async (row: SealedEndpointSecrets, now: Date, sealer: SecretSealer): Promise<string[]> => {
  const previousValid = row.previous_sealed_secret !== null && row.previous_secret_expires_at !== null && new Date(row.previous_secret_expires_at).getTime() > now.getTime();
  const current = await sealer.unseal(row.sealed_secret);
  if (!previousValid) return [current];
  // The secret a rotation replaced signs beside the new one while it lasts; one this process cannot
  // open (the very reason it was replaced, say) is left out rather than holding the new one back.
  const previous = await sealer.unseal(row.previous_sealed_secret as string).catch((error: unknown) => {
    if (unopenedSecretReason(error, 'the replaced secret') === undefined) throw error;
    return undefined;
  });
  return previous === undefined ? [current] : [current, previous];
};
