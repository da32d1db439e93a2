/**
 * The shown report, kept beside the facts it was made from: for the instants it holds
 * (`reportHoldsUntil`) a request gets it back with only what follows the clock exactly put back (the
 * window's bounds, participation's 7 days), so the report is not made again at every request. Kept
 * per facts object: it goes when the kept facts go (a change, their `stableUntil`, the cache's bound,
 * whose weight for the facts counts the report too). One report per facts and detail: the facts are
 * of one scope and window as asked, and the report differs by what its reader may see (a team's
 * leaders each person's figures, an admin who does not lead it aggregates only), so one made for a
 * leader is never given to an admin, nor the other way round.
 */
import { analyticsReport, reportHoldsUntil, type AnalyticsDetail, type AnalyticsFacts, type AnalyticsScope, type ReportClock } from '@stepwise/analytics-application/read';
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
  a.timezone === b.timezone &&
  a.timezoneSince?.getTime() === b.timezoneSince?.getTime() &&
  a.minimumGroupSize === b.minimumGroupSize &&
  a.stalledAfterDays === b.stalledAfterDays &&
  a.reflectionWindowHours === b.reflectionWindowHours;

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
  private readonly kept: Record<AnalyticsDetail, WeakMap<AnalyticsFacts, KeptModel>> = { INDIVIDUAL: new WeakMap(), AGGREGATE: new WeakMap() };
  private made = 0;

  /** How many reports were made (not given back from memory). */
  get reportsMade(): number {
    return this.made;
  }

  modelAt(
    facts: AnalyticsFacts,
    scope: AnalyticsScope,
    detail: AnalyticsDetail,
    window: AnalyticsWindow,
    clock: ReportClock,
    settings: AnalyticsSettings,
    now: Date,
  ): AnalyticsModel {
    const at = now.getTime();
    const kept = this.kept[detail].get(facts);
    if (kept && at >= kept.from && at < kept.until && sameSettings(kept.settings, settings)) return atInstant(kept.model, window, now);
    this.made += 1;
    const model = toAnalyticsModel(analyticsReport(facts, scope, window, settings, now, detail), now);
    this.kept[detail].set(facts, { model, from: at, until: reportHoldsUntil(facts, window, clock, settings.timezone, now), settings: { ...settings } });
    return model;
  }
}
