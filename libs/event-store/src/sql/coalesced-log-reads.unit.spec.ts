import type { LogCheckpoint, RecordedEvent } from '../event-store.port';
import { CoalescedLogReads, type LogPageRequest } from './coalesced-log-reads';
import type { GlobalLogPage } from './read-all.query';

const at = (globalPosition: number): LogCheckpoint => ({ txId: 100 + globalPosition, globalPosition });

const event = (type: string, globalPosition: number): RecordedEvent =>
  ({ id: `e-${globalPosition}`, type, globalPosition, txId: 100 + globalPosition }) as RecordedEvent;

/** A log of the given types from position 1; each read answers what the request asks, and is recorded. */
const logOf = (types: readonly string[]) => {
  const events = types.map((type, index) => event(type, index + 1));
  const reads: LogPageRequest[] = [];
  const pending: (() => void)[] = [];
  let hold = false;
  const readPage = (request: LogPageRequest): Promise<GlobalLogPage> => {
    reads.push(request);
    const wanted = events.filter(
      (candidate) => candidate.globalPosition > request.after.globalPosition && (!request.eventTypes || request.eventTypes.includes(candidate.type)),
    );
    const page = wanted.slice(0, request.maxCount);
    const full = page.length === request.maxCount;
    const checkpoint = full ? at(page[page.length - 1].globalPosition) : at(events.length);
    const answer = { events: page, checkpoint, held: false, full };
    if (!hold) return Promise.resolve(answer);
    return new Promise((resolve) => pending.push(() => resolve(answer)));
  };
  return {
    reads,
    readPage,
    holdReads: () => (hold = true),
    release: () => pending.splice(0).forEach((answer) => answer()),
  };
};

const types = (page: GlobalLogPage) => page.events.map((recorded) => `${recorded.type}@${recorded.globalPosition}`);

describe('CoalescedLogReads', () => {
  it('answers readers asking from one place at one moment with one read of the union of their types, each with its own types', async () => {
    const log = logOf(['A', 'B', 'C', 'A', 'B']);
    const reads = new CoalescedLogReads(log.readPage);
    const [a, b, ab] = await Promise.all([
      reads.read({ after: at(0), maxCount: 10, eventTypes: ['A'] }),
      reads.read({ after: at(0), maxCount: 10, eventTypes: ['B'] }),
      reads.read({ after: at(0), maxCount: 10, eventTypes: ['A', 'B'] }),
    ]);
    expect(log.reads).toEqual([{ after: at(0), maxCount: 10, eventTypes: ['A', 'B'] }]);
    expect(types(a)).toEqual(['A@1', 'A@4']);
    expect(types(b)).toEqual(['B@2', 'B@5']);
    expect(types(ab)).toEqual(['A@1', 'B@2', 'A@4', 'B@5']);
    // The tail past the skipped C: every reader has seen its types up to the end of the log.
    for (const page of [a, b, ab]) expect(page).toMatchObject({ checkpoint: at(5), held: false, full: false });
  });

  it('reads every type when one reader does, and a full shared page stays full for readers who got fewer events', async () => {
    const log = logOf(['A', 'B', 'B', 'A']);
    const reads = new CoalescedLogReads(log.readPage);
    const [all, a] = await Promise.all([reads.read({ after: at(0), maxCount: 3 }), reads.read({ after: at(0), maxCount: 3, eventTypes: ['A'] })]);
    expect(log.reads).toEqual([{ after: at(0), maxCount: 3, eventTypes: undefined }]);
    expect(types(all)).toEqual(['A@1', 'B@2', 'B@3']);
    expect(types(a)).toEqual(['A@1']);
    // Stopped at the limit: the A at 4 is behind the checkpoint, and `full` says read again at once.
    expect(a).toMatchObject({ checkpoint: at(3), full: true });
  });

  it('never joins a read already sent: a reader asking meanwhile gets a read that starts after it asked', async () => {
    const log = logOf(['A', 'A']);
    const reads = new CoalescedLogReads(log.readPage);
    log.holdReads();
    const first = reads.read({ after: at(0), maxCount: 10, eventTypes: ['A'] });
    await new Promise((resolve) => setImmediate(resolve));
    expect(log.reads).toHaveLength(1);
    const second = reads.read({ after: at(0), maxCount: 10, eventTypes: ['A'] });
    await new Promise((resolve) => setImmediate(resolve));
    expect(log.reads).toHaveLength(2);
    log.release();
    expect(types(await first)).toEqual(['A@1', 'A@2']);
    expect(types(await second)).toEqual(['A@1', 'A@2']);
  });

  it('reads apart for other checkpoints, other page sizes, and at once for one tenant', async () => {
    const log = logOf(['A', 'B', 'A']);
    const reads = new CoalescedLogReads(log.readPage);
    const tenant = reads.read({ after: at(0), maxCount: 10, tenantId: 't1' });
    // The tenant's read is not held back to the end of the turn.
    expect(log.reads).toEqual([{ after: at(0), maxCount: 10, tenantId: 't1' }]);
    const [from0, from1, smaller] = await Promise.all([
      reads.read({ after: at(0), maxCount: 10, eventTypes: ['A'] }),
      reads.read({ after: at(1), maxCount: 10, eventTypes: ['A'] }),
      reads.read({ after: at(0), maxCount: 1, eventTypes: ['A'] }),
    ]);
    await tenant;
    expect(log.reads).toHaveLength(4);
    expect(types(from0)).toEqual(['A@1', 'A@3']);
    expect(types(from1)).toEqual(['A@3']);
    expect(smaller).toMatchObject({ checkpoint: at(1), full: true });
  });

  it('fails every reader of a shared read that fails, and reads afresh for the next', async () => {
    let fail = true;
    const log = logOf(['A']);
    const reads = new CoalescedLogReads((request) => (fail ? Promise.reject(new Error('connection lost')) : log.readPage(request)));
    const outcomes = await Promise.allSettled([
      reads.read({ after: at(0), maxCount: 10, eventTypes: ['A'] }),
      reads.read({ after: at(0), maxCount: 10, eventTypes: ['B'] }),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(types(await reads.read({ after: at(0), maxCount: 10, eventTypes: ['A'] }))).toEqual(['A@1']);
  });
});
