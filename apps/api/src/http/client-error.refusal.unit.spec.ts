import { clientErrorRefusal, type ClientError } from './client-error.refusal';

const limits = { timeouts: { headersMs: 10_000, requestMs: 30_000 }, maxHeaderBytes: 16_384 };

const errorOf = (code: string, reason?: string): ClientError => Object.assign(new Error(code), { code, reason, rawPacket: Buffer.from('client-bytes') });

describe('what a client is told when Node refuses its request', () => {
  it.each([
    ['HPE_INVALID_METHOD', 400, 'BAD_REQUEST', /^The request is not valid HTTP\/1\.1 \(Invalid method encountered\): send a request line/, 'Invalid method encountered'],
    ['HPE_INVALID_HEADER_TOKEN', 400, 'BAD_REQUEST', /^The request is not valid HTTP\/1\.1 \(Invalid header token\)/, 'Invalid header token'],
    ['HPE_HEADER_OVERFLOW', 431, 'REQUEST_HEADER_FIELDS_TOO_LARGE', /^The request's headers are larger than the 16 KiB allowed/, 'Header overflow'],
    ['HPE_CHUNK_EXTENSIONS_OVERFLOW', 413, 'PAYLOAD_TOO_LARGE', /chunk extensions/, 'Chunk extensions overflow'],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408, 'REQUEST_TIMEOUT', /within 10000 ms and the whole request within 30000 ms$/, undefined],
    ['EPROTO', 400, 'BAD_REQUEST', /^The request cannot be read as HTTP\/1\.1: /, undefined],
  ])('%s: %i %s', (code, status, expectedCode, message, reason?: string) => {
    const refusal = clientErrorRefusal(errorOf(code, reason), limits);
    expect(refusal).toEqual({ status, code: expectedCode, message: expect.stringMatching(message) });
    expect(refusal?.message).not.toContain('client-bytes');
  });

  it('a client that reset the connection is told nothing', () => {
    expect(clientErrorRefusal(errorOf('ECONNRESET'), limits)).toBeUndefined();
  });
});
