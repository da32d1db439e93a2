import type { Migration } from '@stepwise/database';
import { analyticsSchemaSql, LIVE_ANALYTICS_SCHEMA } from './analytics.schema';

/** The live analytics fact tables. A change of their shape is a new migration and a rebuild (`npm run rebuild-analytics`). */
export const analyticsMigrations: Migration[] = [{ name: '0300_analytics_facts', sql: analyticsSchemaSql(LIVE_ANALYTICS_SCHEMA) }];
