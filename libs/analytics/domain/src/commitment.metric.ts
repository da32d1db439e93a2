/** Commitments: kept, missed, and overdue (past its due date in the member's own timezone, still open). */
import { localDateOf } from '@stepwise/kernel';

export const isOverdue = (commitment: { readonly status: 'OPEN' | 'KEPT' | 'MISSED'; readonly dueOn: string }, now: Date, memberTimezone: string): boolean =>
  commitment.status === 'OPEN' && localDateOf(now, memberTimezone) > commitment.dueOn;
