/**
 * A short-lived cache in front of the channel settings directory: every member delivery asks for
 * its team's Slack and Teams and its organisation's SMTP server, and a burst of nudges to one team
 * should cost one read (and one unsealing), not one each. An admin's change is seen within `ttlMs`.
 */
import type { ChannelSettingsDirectory, OrganisationSmtp, TeamChannels } from '@stepwise/nudges-application/read';

export class CachedChannelSettingsDirectory implements ChannelSettingsDirectory {
  private readonly entries = new Map<string, { at: number; value: Promise<unknown> }>();

  constructor(
    private readonly directory: ChannelSettingsDirectory,
    private readonly ttlMs: number,
  ) {}

  teamChannels(tenantId: string, teamId: string): Promise<TeamChannels> {
    return this.cached(`team\u0000${tenantId}\u0000${teamId}`, () => this.directory.teamChannels(tenantId, teamId));
  }

  organisationSmtp(tenantId: string): Promise<OrganisationSmtp | null> {
    return this.cached(`smtp\u0000${tenantId}`, () => this.directory.organisationSmtp(tenantId));
  }

  private cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value as Promise<T>;
    const value = load();
    this.entries.set(key, { at: now, value });
    // A failed read is not kept: the next delivery asks again.
    value.catch(() => this.entries.delete(key));
    if (this.entries.size > 10_000) this.dropExpired(now);
    return value;
  }

  private dropExpired(now: number): void {
    for (const [key, entry] of this.entries) if (now - entry.at >= this.ttlMs) this.entries.delete(key);
  }
}
