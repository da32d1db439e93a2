import type { AtOnce } from '@stepwise/kernel';
import type { SqlDatabase } from '@stepwise/database';
import { ListeningAnswerCache } from '@stepwise/projections';
import type { MembershipDirectory, OrganisationMembership } from '@stepwise/tenancy-application/read';
import { MEMBERSHIPS_CHANNEL } from './memberships.channel';
import { SqlMembershipDirectory } from './sql-membership-directory';

export interface MembershipCacheOptions {
  /** Entries kept at most; the least recently used go first. */
  readonly maxEntries?: number;
  /**
   * How long an entry is trusted without a notification: a last bound on staleness, should a
   * notification be lost some way the listening session's loss does not tell.
   */
  readonly ttlMs?: number;
  readonly now?: () => number;
  /** How long after losing its listening session (or failing to listen again) it tries again. Default 1 s. */
  readonly relistenMs?: number;
  /** Told when it stops hearing of changes (false) and when it hears again (true), as ListeningAnswerCache tells it. */
  readonly onHearing?: (hearing: boolean) => void;
}

/**
 * The membership check of every request, answered from memory: kept answers (ListeningAnswerCache)
 * keyed by organisation and subject. The organisation-members projection notifies
 * MEMBERSHIPS_CHANNEL with the tenant id in the transaction that changes the subject directory, so
 * an organisation's entries are dropped when the read-model checkpoint commits a change to it, in
 * this process or any other. A runner in this process tells it at commit, before answering the
 * mutations that wait on the batch: the listening session hears the same notice only a moment later,
 * and a request sent on the mutation's answer would otherwise still be checked against the
 * membership the mutation changed. A mutation answered some other way (its wait answered by a read
 * of the checkpoint, which may come before the notice) is followed by `forgetOrganisation` from
 * whoever answers it. A read that a notification overtakes is not kept, so the cache never holds a
 * row older than the last notification it saw. Only memberships are kept: an unknown organisation is
 * read every time. Should the listening session break (a failover, a killed session), it forgets
 * everything, keeps nothing while it cannot hear of changes, and listens again; once it hears again
 * it forgets everything once more, so a read that began while it was deaf is handed out but never
 * kept: a removed member is refused as soon as the removal is projected, whatever became of the
 * session before.
 */
export class CachedMembershipDirectory implements MembershipDirectory {
  private constructor(
    private readonly kept: ListeningAnswerCache,
    private readonly source: MembershipDirectory,
    private readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  /** Listens before keeping anything: what is read before it hears of changes is not kept. */
  static async open(database: SqlDatabase, options: MembershipCacheOptions = {}): Promise<CachedMembershipDirectory> {
    // One entry weighs 1, so the weight bounds the number of entries.
    const kept = await ListeningAnswerCache.open(database, [MEMBERSHIPS_CHANNEL], { maxWeight: options.maxEntries ?? 10_000, relistenMs: options.relistenMs, onHearing: options.onHearing });
    return new CachedMembershipDirectory(kept, new SqlMembershipDirectory(database), options.ttlMs ?? 60_000, options.now ?? Date.now);
  }

  findBySubject(organisationId: string, subject: string): AtOnce<OrganisationMembership | undefined> {
    const at = this.now();
    return this.kept.keptOrAnswer(organisationId, subject, at, async () => {
      const membership = await this.source.findBySubject(organisationId, subject);
      // No membership weighs more than the whole cache: handed out, never kept.
      return { value: membership, weight: membership ? 1 : Number.POSITIVE_INFINITY, until: at + this.ttlMs };
    });
  }

  /**
   * The organisation's memberships may have changed: its entries are forgotten, and reads under way
   * are not kept. For a change known to be projected before its notice can have been heard.
   */
  forgetOrganisation(organisationId: string): void {
    this.kept.forgetTenant(organisationId);
  }

  /** Stops listening (Nest calls it on shutdown). */
  async onModuleDestroy(): Promise<void> {
    await this.kept.onModuleDestroy();
  }
}
