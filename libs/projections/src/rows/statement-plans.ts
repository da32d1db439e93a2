/**
 * Which row statements stay prepared on their connection. A batch's statement text depends on which
 * tables, lookups and kinds of write it has, so texts vary; a prepared plan of one costs its
 * connection some hundreds of kilobytes for the connection's life, on every connection that ran it.
 * A text is prepared once it comes back (live traffic repeats a few: a reflection, a step), for up to
 * PREPARED_TEXTS texts in the process; the others are planned for each call: they are the large,
 * varied statements of catch-up batches, where planning is a small part of the work. A rebuild's
 * process raises the bound (`allow`): its few connections run a few hundred texts, each hundreds of
 * times, for as long as it runs.
 */
import type { PipelinedStatement } from '@stepwise/database';
import type { SqlStatement } from './row-statements';

const PREPARED_TEXTS = 32;
/** Texts seen once, remembered to notice a second call; forgotten all at once when this many pile up. */
const SEEN_TEXTS = 512;

export class StatementPlans {
  private readonly prepared = new Set<string>();
  private readonly seen = new Set<string>();

  constructor(private limit = PREPARED_TEXTS) {}

  /** Up to `limit` texts prepared from now on (never fewer than allowed already). */
  allow(limit: number): void {
    this.limit = Math.max(this.limit, limit);
  }

  /** Whether to keep this text prepared (false: plan it for this call only). */
  prepare(text: string): boolean {
    if (this.prepared.has(text)) return true;
    if (!this.seen.has(text)) {
      if (this.seen.size >= SEEN_TEXTS) this.seen.clear();
      this.seen.add(text);
      return false;
    }
    if (this.prepared.size >= this.limit) return false;
    this.prepared.add(text);
    return true;
  }
}

export const statementPlans = new StatementPlans();

/** A row statement as sent: kept prepared on its connection once its text comes back. */
export const plannedStatement = (statement: SqlStatement): PipelinedStatement => ({
  text: statement.text,
  values: statement.values,
  prepare: statementPlans.prepare(statement.text),
});
