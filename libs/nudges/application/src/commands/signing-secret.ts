/** The signing secret a register or rotate command sets: the admin's, checked, or one made here. */
import { randomBytes } from 'node:crypto';
import { GENERATED_WEBHOOK_SECRET_BYTES, validWebhookSecret, WEBHOOK_SECRET_PREFIX, type WebhookEndpointEvent } from '@stepwise/nudges-domain';
import type { SecretSealer } from '../secret-sealer.port';

export interface ChosenSecret {
  readonly sealedSecret: string;
  readonly generated: boolean;
  /** What the client asked for, for the command's fingerprint: a secret made here, or theirs as its keyed digest. */
  readonly asked: 'generated' | { readonly supplied: string };
}

export const generateWebhookSecret = (): string => `${WEBHOOK_SECRET_PREFIX}${randomBytes(GENERATED_WEBHOOK_SECRET_BYTES).toString('base64')}`;

export const chooseSecret = async (sealer: SecretSealer, supplied: string | null | undefined): Promise<ChosenSecret> => {
  const generated = supplied === undefined || supplied === null;
  const plaintext = generated ? generateWebhookSecret() : validWebhookSecret('secret', supplied);
  return { sealedSecret: await sealer.seal(plaintext), generated, asked: generated ? 'generated' : { supplied: await sealer.fingerprintOf(plaintext) } };
};

/**
 * The generated secret to answer with, opened from the events the command wrote (or, for a retry,
 * had written): a retry answers the same secret the first attempt set, not the one it made itself.
 */
export const revealedSecret = async (sealer: SecretSealer, chosen: ChosenSecret, events: readonly WebhookEndpointEvent[]): Promise<string | null> => {
  if (!chosen.generated) return null;
  const set = events.find((event) => event.type === 'WebhookEndpointRegistered' || event.type === 'WebhookSecretRotated');
  return set && 'sealedSecret' in set.data ? sealer.unseal(set.data.sealedSecret) : null;
};
