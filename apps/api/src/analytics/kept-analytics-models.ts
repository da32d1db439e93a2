/**
 * The shown report, kept beside the facts it was made from: for the instants it holds
 * (`reportHoldsUntil`) a request gets it back with only what follows the clock exactly put back (the
 * window's bounds, participation's 7 days), so the report is not made again at every request. Kept
 * per facts object: it goes when the kept facts go (a change, their `stableUntil`, the cache's bound,
 * whose weight for the facts counts the report too). One report per facts: the facts are of one scope
 * and window as asked, and the report is the same for every reader allowed.
 */
import { analyticsReport, reportHoldsUntil, type AnalyticsFacts, type AnalyticsScope, type ReportClock } from '@stepwise/analytics-application/read';
import type { AnalyticsSettings } from '@stepwise/analytics-application/read';
import type { AnalyticsWindow } from '@stepwise/analytics-domain';
import { toAnalyticsModel } from './analytics.mappers';
import type { AnalyticsModel } from './analytics.models';

const WEEK_OF_DAYS = 7 * 86_400_000;

interface KeptModel {
  readonly model: AnalyticsModel;
  readonly from: number;
  readonly until: number;
  readonly settings: AnalyticsSettings;
}

const sameSettings = (a: AnalyticsSettings, b: AnalyticsSettings): boolean =>
  a.timezone === b.timezone && a.minimumGroupSize === b.minimumGroupSize && a.stalledAfterDays === b.stalledAfterDays && a.reflectionWindowHours === b.reflectionWindowHours;

/** The report's bounds that follow the clock, as a fresh report at `now` has them. */
const atInstant = (model: AnalyticsModel, window: AnalyticsWindow, now: Date): AnalyticsModel => {
  const until = window.to < now ? window.to : now;
  return {
    ...model,
    from: window.from,
    to: window.to,
    participation: { ...model.participation, from: new Date(until.getTime() - WEEK_OF_DAYS), to: until },
  };
};

export class KeptAnalyticsModels {
  private readonly kept = new WeakMap<AnalyticsFacts, KeptModel>();
  private made = 0;

  /** How many reports were made (not given back from memory). */
  get reportsMade(): number {
    return this.made;
  }

  modelAt(facts: AnalyticsFacts, scope: AnalyticsScope, window: AnalyticsWindow, clock: ReportClock, settings: AnalyticsSettings, now: Date): AnalyticsModel {
    const at = now.getTime();
    const kept = this.kept.get(facts);
    if (kept && at >= kept.from && at < kept.until && sameSettings(kept.settings, settings)) return atInstant(kept.model, window, now);
    this.made += 1;
    const model = toAnalyticsModel(analyticsReport(facts, scope, window, settings, now), now);
    this.kept.set(facts, { model, from: at, until: reportHoldsUntil(facts, window, clock, settings.timezone, now), settings: { ...settings } });
    return model;
  }
}
