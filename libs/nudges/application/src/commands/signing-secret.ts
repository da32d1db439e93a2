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

/** How long a retry of the command that generated a secret (same clientMutationId) is answered it again. */
export const SECRET_REPLAY_WINDOW_MS = 24 * 3_600_000;

/**
 * The generated secret to answer with, opened from the events the command wrote (or, for a retry,
 * had written): a retry answers the same secret the first attempt set, not the one it made itself,
 * but only within SECRET_REPLAY_WINDOW_MS of it (a client that lost the first answer retries at
 * once); later, a replay answers null, so a kept mutation id is no way to read a secret back.
 */
export const revealedSecret = async (
  sealer: SecretSealer,
  chosen: ChosenSecret,
  result: { readonly events: readonly WebhookEndpointEvent[]; readonly replayed?: boolean },
  now: Date,
): Promise<string | null> => {
  if (!chosen.generated) return null;
  const set = result.events.find((event) => event.type === 'WebhookEndpointRegistered' || event.type === 'WebhookSecretRotated');
  if (!set || !('sealedSecret' in set.data)) return null;
  if (result.replayed && now.getTime() - Date.parse(set.data.at) > SECRET_REPLAY_WINDOW_MS) return null;
  return sealer.unseal(set.data.sealedSecret);
};
