import { KeptListener, RELISTEN_MS, type SqlDatabase } from '@stepwise/database';
import { EVERY_TENANT, onCommittedNotice } from '@stepwise/projections';
import type { MembershipDirectory, OrganisationMembership } from '@stepwise/tenancy-application/read';
import { MEMBERSHIPS_CHANNEL } from './memberships.channel';
import { SqlMembershipDirectory } from './sql-membership-directory';

export interface MembershipCacheOptions {
  /** Entries kept at most; the oldest go first. */
  readonly maxEntries?: number;
  /**
   * How long an entry is trusted without a notification: a last bound on staleness, should a
   * notification be lost some way the listening session's loss does not tell.
   */
  readonly ttlMs?: number;
  readonly now?: () => number;
  /** How long after losing its listening session (or failing to listen again) it tries again. Default 1 s. */
  readonly relistenMs?: number;
}

interface Entry {
  readonly membership: OrganisationMembership;
  readonly readAt: number;
}

/**
 * The membership check of every request, answered from memory. The organisation-members projection
 * notifies MEMBERSHIPS_CHANNEL with the tenant id in the transaction that changes the subject
 * directory, so an entry is dropped when the read-model checkpoint commits a change to it, in this
 * process or any other. A runner in this process tells it at commit, before answering the mutations
 * that wait on the batch: the listening session hears the same notice only a moment later, and a
 * request sent on the mutation's answer would otherwise still be checked against the membership the
 * mutation changed. A mutation answered some other way (its wait answered by a read of the
 * checkpoint, which may come before the notice) is followed by `forgetOrganisation` from whoever
 * answers it. A read that a notification overtakes is not kept (the generation moved), so the cache
 * never holds a row older than the last notification it saw. Only memberships are kept: an unknown
 * organisation is read every time. Should the listening session break (a failover, a killed
 * session), it forgets everything, keeps nothing while it cannot hear of changes, and listens again:
 * a removed member is refused as soon as the removal is projected, whatever became of the session
 * before.
 */
export class CachedMembershipDirectory implements MembershipDirectory {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;
  /** Hearing of changes: only then is anything kept. */
  private listening = false;
  private readonly listener: KeptListener;
  private readonly stopHearingLocally: () => void;
  private readonly source: MembershipDirectory;

  private constructor(database: SqlDatabase, options: MembershipCacheOptions) {
    this.source = new SqlMembershipDirectory(database);
    this.maxEntries = options.maxEntries ?? 10_000;
    this.ttlMs = options.ttlMs ?? 60_000;
    this.now = options.now ?? Date.now;
    this.listener = new KeptListener(
      database,
      [MEMBERSHIPS_CHANNEL],
      {
        notified: (payload) => this.heard(payload),
        hearing: () => (this.listening = true),
        // Changes from now until listening again go unheard, so nothing kept is trusted.
        deaf: () => {
          this.listening = false;
          this.forgetAll();
        },
      },
      options.relistenMs ?? RELISTEN_MS,
    );
    this.stopHearingLocally = onCommittedNotice(database, MEMBERSHIPS_CHANNEL, (payload) => this.heard(payload));
  }

  /** Listens before answering, so no change committed after open() is missed. */
  static async open(database: SqlDatabase, options: MembershipCacheOptions = {}): Promise<CachedMembershipDirectory> {
    const directory = new CachedMembershipDirectory(database, options);
    try {
      await directory.listener.listen();
    } catch (error) {
      directory.stopHearingLocally();
      await directory.listener.close();
      throw error;
    }
    return directory;
  }

  async findBySubject(organisationId: string, subject: string): Promise<OrganisationMembership | undefined> {
    const key = `${organisationId}\n${subject}`;
    const cached = this.entries.get(key);
    if (cached && this.now() - cached.readAt < this.ttlMs) return cached.membership;
    const generation = this.generation;
    const readAt = this.now();
    const membership = await this.source.findBySubject(organisationId, subject);
    if (membership && generation === this.generation && this.listening) this.remember(key, { membership, readAt });
    else this.entries.delete(key);
    return membership;
  }

  /**
   * The organisation's memberships may have changed: its entries are forgotten, and reads under way
   * are not kept. For a change known to be projected before its notice can have been heard.
   */
  forgetOrganisation(organisationId: string): void {
    this.generation += 1;
    const prefix = `${organisationId}\n`;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  /** Stops listening (Nest calls it on shutdown). */
  async onModuleDestroy(): Promise<void> {
    this.stopHearingLocally();
    this.listening = false;
    this.entries.clear();
    await this.listener.close();
  }

  private remember(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  private heard(payload: string): void {
    if (payload === EVERY_TENANT) this.forgetAll();
    else this.forgetOrganisation(payload);
  }

  private forgetAll(): void {
    this.generation += 1;
    this.entries.clear();
  }
}
