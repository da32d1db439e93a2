import type { ChannelSettingsDirectory, OrganisationSmtp, TeamChannels } from '@stepwise/nudges-application/read';
import { CachedChannelSettingsDirectory } from './cached-channel-settings.directory';

/** A directory that counts what it is asked, answering the current settings (or failing once when told). */
class CountingDirectory implements ChannelSettingsDirectory {
  reads = 0;
  failNext = false;
  slack: TeamChannels['slack'] = { kind: 'bot', token: 'xoxb-1' };

  async teamChannels(_tenantId: string, teamId: string): Promise<TeamChannels> {
    this.reads += 1;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('the database is away');
    }
    return { slack: teamId === 'team-1' ? this.slack : null, teams: null };
  }

  async organisationSmtp(): Promise<OrganisationSmtp | null> {
    this.reads += 1;
    return null;
  }
}

describe('the cached channel settings directory', () => {
  let now = 0;
  const realNow = Date.now;
  beforeEach(() => {
    now = 1_000_000;
    Date.now = () => now;
  });
  afterEach(() => {
    Date.now = realNow;
  });

  it('answers a burst for one team from one read, each team and organisation apart', async () => {
    const directory = new CountingDirectory();
    const cached = new CachedChannelSettingsDirectory(directory, 2_000);
    const answers = await Promise.all([cached.teamChannels('t', 'team-1'), cached.teamChannels('t', 'team-1'), cached.teamChannels('t', 'team-2'), cached.organisationSmtp('t')]);
    expect(answers.map((answer) => (answer && 'slack' in answer ? answer.slack?.kind ?? null : answer))).toEqual(['bot', 'bot', null, null]);
    expect(directory.reads).toBe(3);
  });

  it('reads again once the time to keep has passed, so an admin’s change is seen', async () => {
    const directory = new CountingDirectory();
    const cached = new CachedChannelSettingsDirectory(directory, 2_000);
    await cached.teamChannels('t', 'team-1');
    directory.slack = null;
    now += 1_999;
    expect((await cached.teamChannels('t', 'team-1')).slack).toEqual({ kind: 'bot', token: 'xoxb-1' });
    now += 1;
    expect((await cached.teamChannels('t', 'team-1')).slack).toBeNull();
    expect(directory.reads).toBe(2);
  });

  it('keeps no failed read: the next one asks again', async () => {
    const directory = new CountingDirectory();
    const cached = new CachedChannelSettingsDirectory(directory, 2_000);
    directory.failNext = true;
    await expect(cached.teamChannels('t', 'team-1')).rejects.toThrow('the database is away');
    expect((await cached.teamChannels('t', 'team-1')).slack).toEqual({ kind: 'bot', token: 'xoxb-1' });
    expect(directory.reads).toBe(2);
  });
});
