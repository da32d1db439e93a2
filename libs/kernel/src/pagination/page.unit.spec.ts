import { afterKeyOf, decodeCursorAs, encodeCursor, listWithin, pageSizeOf, toPage } from './page';

describe('decodeCursorAs', () => {
  const at = '2026-03-01T09:30:00.000Z';

  it('gives back the key of a cursor the list wrote', () => {
    expect(decodeCursorAs(encodeCursor('list', [at, 'journey-1']), { name: 'list', shape: ['timestamp', 'string'] })).toEqual([at, 'journey-1']);
    expect(decodeCursorAs(encodeCursor('list', ['infinity', at, 'j', 's']), { name: 'list', shape: ['date', 'timestamp', 'string', 'string'] })).toEqual(['infinity', at, 'j', 's']);
    expect(decodeCursorAs(encodeCursor('list', [1, '2026-02-28', 'j', 'c']), { name: 'list', shape: ['integer', 'date', 'string', 'string'] })).toEqual([1, '2026-02-28', 'j', 'c']);
    expect(decodeCursorAs(encodeCursor('list', [2 ** 31 - 1]), { name: 'list', shape: ['integer'] })).toEqual([2 ** 31 - 1]);
    expect(decodeCursorAs(encodeCursor('list', [1]), { name: 'list', shape: ['position'] })).toEqual([1]);
  });

  it.each([
    ['another shape', encodeCursor('list', [at]), ['timestamp', 'string']],
    ['another list with the same shape of key', encodeCursor('other', [at, 'journey-1']), ['timestamp', 'string']],
    ['a cursor without a list', Buffer.from(JSON.stringify([at, 'journey-1'])).toString('base64url'), ['timestamp', 'string']],
    ['not a cursor at all', 'not-a-cursor', ['string']],
    ['year 0, which PostgreSQL has not', encodeCursor('list', ['0000-06-01T00:00:00.000Z', 'j']), ['timestamp', 'string']],
    ['a date in year 0', encodeCursor('list', ['0000-01-01']), ['date']],
    ['31 February', encodeCursor('list', ['2026-02-31T00:00:00.000Z', 'j']), ['timestamp', 'string']],
    ['a timestamp written another way', encodeCursor('list', ['2026-03-01T09:30:00Z', 'j']), ['timestamp', 'string']],
    ['a year past four digits', encodeCursor('list', ['+275760-09-13T00:00:00.000Z', 'j']), ['timestamp', 'string']],
    ['a number past a 32-bit integer', encodeCursor('list', [2 ** 31]), ['integer']],
    ['a fraction', encodeCursor('list', [1.5]), ['integer']],
    ['a NUL in text', encodeCursor('list', [at, 'j\u0000']), ['timestamp', 'string']],
    ['a lone surrogate in text', encodeCursor('list', [at, 'j\uD800']), ['timestamp', 'string']],
    ['an empty id', encodeCursor('list', [at, '']), ['timestamp', 'string']],
    ['an id longer than any entity has', encodeCursor('list', [at, 'j'.repeat(101)]), ['timestamp', 'string']],
    ['position 0, before the first', encodeCursor('list', [0]), ['position']],
    ['a negative position', encodeCursor('list', [-5]), ['position']],
  ] as const)('refuses %s', (_label, cursor, shape) => {
    expect(decodeCursorAs(cursor, { name: 'list', shape })).toBeUndefined();
  });
});

describe('listWithin', () => {
  const timeline = { name: 'journeyTimeline', shape: ['integer'] } as const;

  it("reads back a cursor of the same parent's list, and refuses one of another parent's or of the kind alone", () => {
    const page = toPage([{ sequence: 1 }, { sequence: 2 }], 1, listWithin(timeline, 'journey-1'), (entry) => [entry.sequence]);
    const after = page.endCursor ?? undefined;
    expect(afterKeyOf({ first: 5, after }, listWithin(timeline, 'journey-1'))).toEqual([1]);
    for (const list of [listWithin(timeline, 'journey-2'), timeline, listWithin(timeline, 'journey-1', 'more')]) {
      expect(() => afterKeyOf({ first: 5, after }, list)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', details: { field: 'after', reason: 'NOT_A_CURSOR' } }));
    }
  });
});

describe('pageSizeOf', () => {
  it.each([1, 100])('takes %s', (first) => expect(pageSizeOf({ first })).toBe(first));
  it.each([0, -1, 101, 1.5, Number.NaN])('refuses %s naming first', (first) => {
    expect(() => pageSizeOf({ first })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', details: { field: 'first', reason: 'OUT_OF_RANGE' } }));
  });
});
