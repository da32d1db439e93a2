import { randomBytes } from 'node:crypto';
import { validWebhookSecret } from './webhook-secret';

const secretOf = (bytes: number): string => `whsec_${randomBytes(bytes).toString('base64')}`;

describe('webhook secrets', () => {
  it.each([24, 32, 64])('accepts whsec_ and the base64 of %i bytes', (bytes) => {
    const secret = secretOf(bytes);
    expect(validWebhookSecret('secret', secret)).toBe(secret);
  });

  it.each([
    ['no prefix', randomBytes(32).toString('base64'), 'INVALID_FORMAT'],
    ['nothing after the prefix', 'whsec_', 'INVALID_FORMAT'],
    ['not base64', 'whsec_not base64!', 'INVALID_FORMAT'],
    ['too few bytes', secretOf(16), 'OUT_OF_RANGE'],
    ['too many bytes', secretOf(65), 'OUT_OF_RANGE'],
    ['not a string', 42, 'INVALID_FORMAT'],
  ])('refuses %s', (_case, value, reason) => {
    expect(() => validWebhookSecret('secret', value)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', details: expect.objectContaining({ field: 'secret', reason }) }));
  });
});
