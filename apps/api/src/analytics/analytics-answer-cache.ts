/**
 * The api's analytics answers, kept until what they were read from changes: the analytics facts
 * (ANALYTICS_CHANGES_CHANNEL, told by the analytics projections at commit and by a rebuild's swap)
 * and the teams, team roles and settings that decide who may read them and how
 * (TENANCY_CHANGES_CHANNEL, told by the read models at commit).
 */
import { ANALYTICS_CHANGES_CHANNEL } from '@stepwise/analytics-infrastructure';
import type { SqlDatabase } from '@stepwise/database';
import { ListeningAnswerCache, type AnswerCacheOptions } from '@stepwise/projections';
import { TENANCY_CHANGES_CHANNEL } from '@stepwise/tenancy-infrastructure';

export const ANALYTICS_ANSWER_CACHE = Symbol('stepwise.analytics-answer-cache');

export const openAnalyticsAnswerCache = (database: SqlDatabase, options: AnswerCacheOptions): Promise<ListeningAnswerCache> =>
  ListeningAnswerCache.open(database, [ANALYTICS_CHANGES_CHANNEL, TENANCY_CHANGES_CHANNEL], options);
