import { deliveryChunks, DELIVERY_STATEMENT_CHARS, type NewDelivery } from './new-deliveries';

const delivery = (id: string, chars: number): NewDelivery => ({
  deliveryId: id,
  tenantId: 't1',
  kind: 'WEBHOOK',
  nudgeId: null,
  memberId: null,
  endpointId: 'e1',
  eventType: 'ReflectionRecorded',
  payload: 'x'.repeat(chars),
  dueAt: new Date('2026-12-01T00:00:00Z'),
});

describe('new deliveries are written in statements of bounded size', () => {
  it('keeps a batch that fits in one statement whole', () => {
    const batch = [delivery('a', 10), delivery('b', 10)];
    expect(deliveryChunks(batch, 20)).toEqual([batch]);
    expect(deliveryChunks([])).toEqual([]);
  });

  it('splits in order where the next payload would go over, and gives an oversized payload a statement of its own', () => {
    const ids = (chunks: NewDelivery[][]) => chunks.map((chunk) => chunk.map((found) => found.deliveryId));
    expect(ids(deliveryChunks([delivery('a', 8), delivery('b', 8), delivery('c', 8), delivery('d', 30), delivery('e', 1)], 20))).toEqual([['a', 'b'], ['c'], ['d'], ['e']]);
  });

  it('writes 500 events of 64 KB to 40 endpoints (1.3 GB of payloads) in statements of at most 16 MB', () => {
    const payload = 64 * 1024;
    const batch = Array.from({ length: 500 * 40 }, (_, index) => ({ ...delivery(String(index), 0), payload: '' }));
    // The same string for each (as the fan-out shares one per event): only its length matters here.
    const shared = 'x'.repeat(payload);
    const chunks = deliveryChunks(batch.map((found) => ({ ...found, payload: shared })));
    expect(chunks.every((chunk) => chunk.length * payload <= DELIVERY_STATEMENT_CHARS)).toBe(true);
    expect(chunks.flat()).toHaveLength(20_000);
    expect(chunks).toHaveLength(Math.ceil(20_000 / (DELIVERY_STATEMENT_CHARS / payload)));
  });
});
