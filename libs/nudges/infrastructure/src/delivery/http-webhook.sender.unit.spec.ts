import { createHmac } from 'node:crypto';
import { classifyResponse, parseRetryAfter, signatureHeader } from './http-webhook.sender';

describe('the plain webhook sender', () => {
  it('reads Retry-After as seconds or as a date', () => {
    const now = new Date('2026-03-02T09:00:00.000Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });

  it.each([
    [200, 'delivered'],
    [204, 'delivered'],
    [408, 'retryable'],
    [429, 'retryable'],
    [500, 'retryable'],
    [503, 'retryable'],
    [400, 'permanent'],
    [404, 'permanent'],
    [410, 'permanent'],
  ] as const)('classifies HTTP %i as %s', (status, kind) => {
    expect(classifyResponse(status, null, '').kind).toBe(kind);
  });

  it('asks to disable the endpoint on 410 only', () => {
    expect(classifyResponse(410, null, 'gone')).toEqual({ kind: 'permanent', statusCode: 410, detail: 'gone', disableAddress: true });
    expect(classifyResponse(404, null, 'no')).toMatchObject({ disableAddress: false });
  });

  it('signs as Standard Webhooks does, once per secret', () => {
    const key = Buffer.from('a-test-signing-key').toString('base64');
    const expected = createHmac('sha256', Buffer.from(key, 'base64')).update('msg_1.1700000000.{"a":1}').digest('base64');
    expect(signatureHeader([`whsec_${key}`, `whsec_${key}`], 'msg_1', 1_700_000_000, '{"a":1}')).toBe(`v1,${expected} v1,${expected}`);
  });
});
