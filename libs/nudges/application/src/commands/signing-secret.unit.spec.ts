import type { WebhookEndpointEvent } from '@stepwise/nudges-domain';
import type { SecretSealer } from '../secret-sealer.port';
import { chooseSecret, revealedSecret, SECRET_REPLAY_WINDOW_MS } from './signing-secret';

/** A reversible stand-in: what is under test is when the secret is answered, not how it is sealed. */
const sealer: SecretSealer = {
  seal: async (plaintext) => `sealed:${plaintext}`,
  unseal: async (sealed) => sealed.slice('sealed:'.length),
  fingerprintOf: async (secret) => `digest:${secret.length}`,
};

const rotated = (sealedSecret: string, at: string): WebhookEndpointEvent => ({
  type: 'WebhookSecretRotated',
  data: { organisationId: 'org-1', endpointId: 'ep-1', sealedSecret, previousSecretExpiresAt: at, rotatedBy: 'mem-admin', at },
});

describe('the signing secret a register or rotate answers', () => {
  const at = '2026-03-02T10:00:00.000Z';

  it('answers a generated secret to the command that made it', async () => {
    const chosen = await chooseSecret(sealer, undefined);
    const secret = await revealedSecret(sealer, chosen, { events: [rotated(chosen.sealedSecret, at)] }, new Date(at));
    expect(secret).toMatch(/^whsec_/);
    expect(secret).toBe(await sealer.unseal(chosen.sealedSecret));
  });

  it('answers the first attempt’s secret to a retry within the window, and nothing after it', async () => {
    const first = await chooseSecret(sealer, undefined);
    const retry = await chooseSecret(sealer, undefined);
    const replayed = { events: [rotated(first.sealedSecret, at)], replayed: true };
    const within = new Date(Date.parse(at) + SECRET_REPLAY_WINDOW_MS);
    expect(await revealedSecret(sealer, retry, replayed, within)).toBe(await sealer.unseal(first.sealedSecret));
    expect(await revealedSecret(sealer, retry, replayed, new Date(within.getTime() + 1))).toBeNull();
  });

  it('never answers a secret the admin supplied', async () => {
    const chosen = await chooseSecret(sealer, `whsec_${Buffer.alloc(32, 7).toString('base64')}`);
    expect(await revealedSecret(sealer, chosen, { events: [rotated(chosen.sealedSecret, at)] }, new Date(at))).toBeNull();
  });
});
