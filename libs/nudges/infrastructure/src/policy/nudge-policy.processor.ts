/**
 * The nudge policy's processor: its own checkpoint and lease (`nudge-policy`), apart from the read
 * models and analytics, so a policy that stops at an event it cannot apply delays nudges and
 * nothing else. A new processor starts at the log start; what it decides for old history is
 * recorded STALE rather than sent.
 */
import type { Projection } from '@stepwise/projections';
import { nudgePolicyProjection, type NudgePolicyOptions } from './nudge-policy.projection';

export const NUDGE_POLICY_PROCESSOR = 'nudge-policy';

export const nudgePolicyProjections = (options: NudgePolicyOptions): readonly Projection[] => [nudgePolicyProjection(options)];
