import { classifyHttpStatus } from './http-status.classification';

describe('classifyHttpStatus', () => {
  it.each([200, 201, 202, 204, 299])('%i is delivered', (status) => {
    expect(classifyHttpStatus(status)).toEqual({ kind: 'delivered' });
  });

  it.each([408, 429, 500, 502, 503, 504, 599])('%i is worth another try', (status) => {
    expect(classifyHttpStatus(status)).toEqual({ kind: 'retryable' });
  });

  it('410 Gone is permanent and retires the address', () => {
    expect(classifyHttpStatus(410)).toEqual({ kind: 'permanent', disableAddress: true });
  });

  it.each([400, 401, 403, 404, 405, 413, 422, 451, 300, 302, 304, 100])('%i is permanent and keeps the address', (status) => {
    expect(classifyHttpStatus(status)).toEqual({ kind: 'permanent', disableAddress: false });
  });
});
