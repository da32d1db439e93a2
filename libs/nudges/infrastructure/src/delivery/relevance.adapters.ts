/**
 * Relevance adapters. Until the nudge policy's own check is wired, every nudge the policy owed is
 * taken as still relevant at delivery time (the member's opt-outs and the daily cap still apply).
 */
import type { NudgeRelevance } from './delivery.ports';

export const everyNudgeRelevant: NudgeRelevance = { check: async () => ({ relevant: true }) };
