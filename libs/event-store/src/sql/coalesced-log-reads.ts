/**
 * One read of the global log for the subscriptions of a store that ask at the same moment from the
 * same place. A NOTIFY on `es_events` wakes every subscription of the process at once (the read
 * models, analytics, the nudge policy, the webhook fan-out), and each would read the same page with
 * its own statement, horizon and all: the one page statement a wake-up needs, sent once per reader.
 *
 * Requests wait for the end of the current turn of the event loop (every reader a notification woke
 * has asked by then), and those with the same checkpoint and page size share one read of the union
 * of their event types; each gets the events of its own types, with the shared page's checkpoint, its
 * `held`, and whether it stopped at its limit (`full`: a narrowed page may hold fewer events than its
 * limit and still have more behind it). The shared read's checkpoint is right for every reader: every
 * event of the union between the two checkpoints is on the page, hence every event of each reader's
 * own types.
 *
 * Only requests made before a read is sent share it, never one already running: a reader that asks
 * because it was notified must get a read that started after its notification, or it could miss the
 * events it was woken for. Tenant-filtered reads go on their own.
 */
import type { LogCheckpoint } from '../event-store.port';
import type { GlobalLogPage } from './read-all.query';

export interface LogPageRequest {
  readonly after: LogCheckpoint;
  readonly tenantId?: string;
  readonly eventTypes?: readonly string[];
  readonly maxCount: number;
}

interface Waiting {
  readonly request: LogPageRequest;
  readonly resolve: (page: GlobalLogPage) => void;
  readonly reject: (error: unknown) => void;
}

const keyOf = ({ after, maxCount }: LogPageRequest): string => `${after.txId}/${after.globalPosition}/${maxCount}`;

/** Every event type any of the requests reads; undefined (all of them) when one reads every type. */
const unionOfTypes = (requests: readonly Waiting[]): readonly string[] | undefined => {
  const types = new Set<string>();
  for (const { request } of requests) {
    if (request.eventTypes === undefined) return undefined;
    for (const type of request.eventTypes) types.add(type);
  }
  return [...types];
};

/** The shared page as one reader asked for it: its own event types only. */
const narrowed = (page: GlobalLogPage, eventTypes: readonly string[] | undefined, unionLength: number | undefined): GlobalLogPage => {
  if (eventTypes === undefined) return page;
  const wanted = new Set(eventTypes);
  if (wanted.size === unionLength) return page;
  return { ...page, events: page.events.filter((event) => wanted.has(event.type)) };
};

export class CoalescedLogReads {
  private waiting: Waiting[] = [];
  private scheduled = false;

  constructor(private readonly readPage: (request: LogPageRequest) => Promise<GlobalLogPage>) {}

  read(request: LogPageRequest): Promise<GlobalLogPage> {
    if (request.tenantId !== undefined) return this.readPage(request);
    return new Promise<GlobalLogPage>((resolve, reject) => {
      this.waiting.push({ request, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.send());
    });
  }

  private send(): void {
    this.scheduled = false;
    const groups = new Map<string, Waiting[]>();
    for (const waiting of this.waiting.splice(0)) {
      const key = keyOf(waiting.request);
      const group = groups.get(key);
      if (group) group.push(waiting);
      else groups.set(key, [waiting]);
    }
    for (const group of groups.values()) this.readFor(group);
  }

  private readFor(group: readonly Waiting[]): void {
    const [{ request }] = group;
    const eventTypes = group.length === 1 ? request.eventTypes : unionOfTypes(group);
    this.readPage({ after: request.after, maxCount: request.maxCount, eventTypes }).then(
      (page) => {
        for (const waiting of group) waiting.resolve(narrowed(page, waiting.request.eventTypes, eventTypes?.length));
      },
      (error: unknown) => {
        for (const waiting of group) waiting.reject(error);
      },
    );
  }
}
