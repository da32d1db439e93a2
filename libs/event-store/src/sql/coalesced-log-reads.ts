/**
 * One read of the global log for the subscriptions of a store that ask at the same moment from the
 * same place. A NOTIFY on `es_events` wakes every subscription of the process at once (the read
 * models, analytics, the nudge policy, the webhook fan-out), and each would read the same page with
 * its own statement, horizon and all: the one page statement a wake-up needs, sent once per reader.
 *
 * Requests wait for the end of the current turn of the event loop (every reader a notification woke
 * has asked by then; the kernel's BatchedCalls gathers them), and those with the same checkpoint and page size share one read of the union
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
import { BatchedCalls } from '@stepwise/kernel';
import type { LogCheckpoint } from '../event-store.port';
import type { GlobalLogPage } from './read-all.query';

export interface LogPageRequest {
  readonly after: LogCheckpoint;
  readonly tenantId?: string;
  readonly eventTypes?: readonly string[];
  readonly maxCount: number;
}

const keyOf = ({ after, maxCount }: LogPageRequest): string => `${after.txId}/${after.globalPosition}/${maxCount}`;

/** Every event type any of the requests reads; undefined (all of them) when one reads every type. */
const unionOfTypes = (requests: readonly LogPageRequest[]): readonly string[] | undefined => {
  const types = new Set<string>();
  for (const request of requests) {
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
  private readonly together = new BatchedCalls<LogPageRequest, GlobalLogPage>((requests) => this.readTogether(requests), { groupOf: keyOf });

  constructor(private readonly readPage: (request: LogPageRequest) => Promise<GlobalLogPage>) {}

  read(request: LogPageRequest): Promise<GlobalLogPage> {
    return request.tenantId === undefined ? this.together.call(request) : this.readPage(request);
  }

  private async readTogether(requests: readonly LogPageRequest[]): Promise<GlobalLogPage[]> {
    const [{ after, maxCount, eventTypes: own }] = requests;
    const eventTypes = requests.length === 1 ? own : unionOfTypes(requests);
    const page = await this.readPage({ after, maxCount, eventTypes });
    return requests.map((request) => narrowed(page, request.eventTypes, eventTypes?.length));
  }
}
