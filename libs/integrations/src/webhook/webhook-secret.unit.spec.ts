import { ValidationError } from '@stepwise/kernel';
import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, validWebhookSecret, webhookSecretKey } from './webhook-secret';

const failureOf = (value: unknown): unknown => {
  try {
    validWebhookSecret('secret', value);
  } catch (error) {
    return error;
  }
  return null;
};

describe('webhook secrets', () => {
  it('makes whsec_ secrets of 32 random bytes by default, each different', () => {
    const secrets = Array.from({ length: 20 }, () => newWebhookSecret());
    for (const secret of secrets) {
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
      expect(webhookSecretKey('secret', secret)).toHaveLength(32);
    }
    expect(new Set(secrets).size).toBe(20);
  });

  it.each([24, 64])('makes a secret of %i bytes that the spec library accepts', (bytes) => {
    const secret = newWebhookSecret(bytes);
    expect(webhookSecretKey('secret', secret)).toHaveLength(bytes);
    expect(() => new Webhook(secret)).not.toThrow();
  });

  it.each([0, 16, 23, 65, 1.5])('will not make a secret of %p bytes', (bytes) => {
    expect(() => newWebhookSecret(bytes)).toThrow(RangeError);
  });

  it('accepts a well-formed administrator secret as given', () => {
    expect(validWebhookSecret('secret', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toBe('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
  });

  it.each([
    ['no prefix', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'NOT_A_WEBHOOK_SECRET'],
    ['not a string', 42, 'NOT_A_WEBHOOK_SECRET'],
    ['absent', undefined, 'NOT_A_WEBHOOK_SECRET'],
    ['url-safe base64', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLa-_', 'NOT_A_WEBHOOK_SECRET'],
    ['broken padding', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS', 'NOT_A_WEBHOOK_SECRET'],
    ['spaces', 'whsec_MfKQ9r8G KYqrTwjUPD8ILPZIo2LaLaSw', 'NOT_A_WEBHOOK_SECRET'],
    ['too short (16 bytes)', `whsec_${Buffer.alloc(16, 1).toString('base64')}`, 'WEBHOOK_SECRET_LENGTH'],
    ['too long (65 bytes)', `whsec_${Buffer.alloc(65, 1).toString('base64')}`, 'WEBHOOK_SECRET_LENGTH'],
    ['empty key', 'whsec_', 'WEBHOOK_SECRET_LENGTH'],
  ])('refuses a secret with %s', (_case, value, reason) => {
    const failure = failureOf(value);
    expect(failure).toBeInstanceOf(ValidationError);
    expect(failure).toMatchObject({ code: 'VALIDATION_FAILED', details: { field: 'secret', reason } });
  });
});
