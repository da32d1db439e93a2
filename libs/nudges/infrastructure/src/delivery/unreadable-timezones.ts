/**
 * Member timezones the nudge engine cannot read. One stored before the timezone rule was tightened
 * that the runtime does not know (garbage, or "UTC+5", in an old event) is taken as UTC for quiet hours, the
 * daily cap and the Monday digest (knownTimezone) rather than stopping the policy; this says so once
 * per zone, not at every nudge, as the api does for organisation timezones (StoredTimezones).
 */
import { knownTimezone } from '@stepwise/nudges-domain';
import type { Logger } from 'pino';

export type OnUnreadableTimezone = (timezone: string) => void;

/** Zones remembered before starting again: more than the IANA database names, so only garbage refills it. */
const REMEMBERED = 1024;

export class UnreadableTimezones {
  private readonly reported = new Set<string>();

  constructor(private readonly onUnreadable: OnUnreadableTimezone) {}

  /** Each unreadable zone warned of once in `logger`. */
  static warningIn(logger: Logger): UnreadableTimezones {
    return new UnreadableTimezones((timezone) =>
      logger.warn({ timezone }, 'a member timezone stored before the timezone rule was tightened is no IANA name; their quiet hours, daily cap and digest follow UTC until it is set again'),
    );
  }

  /** Reports `timezone` the first time it is seen unreadable; a known zone, or none, says nothing. */
  check(timezone: string | null | undefined): void {
    if (timezone === null || timezone === undefined || knownTimezone(timezone) === timezone || this.reported.has(timezone)) return;
    if (this.reported.size >= REMEMBERED) this.reported.clear();
    this.reported.add(timezone);
    this.onUnreadable(timezone);
  }
}
