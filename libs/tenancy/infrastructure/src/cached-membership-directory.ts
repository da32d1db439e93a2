import type { SqlDatabase } from '@stepwise/database';
import type { MembershipDirectory, OrganisationMembership } from '@stepwise/tenancy-application/read';
import { MEMBERSHIPS_CHANNEL } from './memberships.channel';
import { SqlMembershipDirectory } from './sql-membership-directory';

export interface MembershipCacheOptions {
  /** Entries kept at most; the oldest go first. */
  readonly maxEntries?: number;
  /**
   * How long an entry is trusted without a notification: the bound on staleness should the
   * listening connection drop and a notification be lost (it reconnects on the next listen).
   */
  readonly ttlMs?: number;
  readonly now?: () => number;
}

interface Entry {
  readonly membership: OrganisationMembership;
  readonly readAt: number;
}

/**
 * The membership check of every request, answered from memory. The organisation-members projection
 * notifies MEMBERSHIPS_CHANNEL with the tenant id in the transaction that changes the subject
 * directory, so an entry is dropped when the read-model checkpoint commits a change to it, in this
 * process or any other. A read that a notification overtakes is not kept (the generation moved), so
 * the cache never holds a row older than the last notification it saw. Only memberships are kept:
 * an unknown organisation is read every time.
 */
export class CachedMembershipDirectory implements MembershipDirectory {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private unlisten: (() => Promise<void>) | undefined;
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  private constructor(
    private readonly source: MembershipDirectory,
    options: MembershipCacheOptions,
  ) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.ttlMs = options.ttlMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Listens before answering, so no change committed after open() is missed. */
  static async open(database: SqlDatabase, options: MembershipCacheOptions = {}): Promise<CachedMembershipDirectory> {
    const directory = new CachedMembershipDirectory(new SqlMembershipDirectory(database), options);
    directory.unlisten = await database.listen(MEMBERSHIPS_CHANNEL, (tenantId) => directory.forgetTenant(tenantId));
    return directory;
  }

  async findBySubject(organisationId: string, subject: string): Promise<OrganisationMembership | undefined> {
    const key = `${organisationId}\n${subject}`;
    const cached = this.entries.get(key);
    if (cached && this.now() - cached.readAt < this.ttlMs) return cached.membership;
    const generation = this.generation;
    const readAt = this.now();
    const membership = await this.source.findBySubject(organisationId, subject);
    if (membership && generation === this.generation) this.remember(key, { membership, readAt });
    else this.entries.delete(key);
    return membership;
  }

  /** Stops listening (Nest calls it on shutdown). */
  async onModuleDestroy(): Promise<void> {
    const unlisten = this.unlisten;
    this.unlisten = undefined;
    this.entries.clear();
    await unlisten?.();
  }

  private remember(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  private forgetTenant(tenantId: string): void {
    this.generation += 1;
    const prefix = `${tenantId}\n`;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }
}
