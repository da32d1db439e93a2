import { ANALYTICS_PROCESSOR } from '@stepwise/analytics-infrastructure';
import { NUDGE_POLICY_PROCESSOR, WEBHOOK_FAN_OUT_PROCESSOR } from '@stepwise/nudges-infrastructure';
import { READ_MODELS_PROCESSOR } from '@stepwise/projections';

/** The processors a worker runs: each has a lag series from the first scrape, checkpoint or not, and readiness watches each. */
export const DEPLOYED_PROCESSORS = [READ_MODELS_PROCESSOR, ANALYTICS_PROCESSOR, NUDGE_POLICY_PROCESSOR, WEBHOOK_FAN_OUT_PROCESSOR];
