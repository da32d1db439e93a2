/**
 * Timezones read back from the read tables. One stored before the rule was tightened (an
 * abbreviation such as "PST", or garbage, in an old event) is read as UTC: the analytics' weeks and
 * overdue days then come out in UTC instead of failing the read. Each such zone is reported once
 * (the process warns), not at every read.
 */
import { readableTimezone } from '@stepwise/tenancy-domain';

export type OnUnreadableTimezone = (stored: string) => void;

/** Zones remembered before starting again: more than the IANA database names, so only garbage refills it. */
const REMEMBERED = 1024;

export class StoredTimezones {
  private readonly read = new Map<string, string>();

  constructor(private readonly onUnreadable: OnUnreadableTimezone = () => undefined) {}

  /** The zone to use for `stored`: as the timezone rule takes it today, or UTC. */
  usable(stored: string): string {
    const remembered = this.read.get(stored);
    if (remembered !== undefined) return remembered;
    const zone = readableTimezone(stored);
    if (zone === undefined) this.onUnreadable(stored);
    if (this.read.size >= REMEMBERED) this.read.clear();
    this.read.set(stored, zone ?? 'UTC');
    return zone ?? 'UTC';
  }
}
