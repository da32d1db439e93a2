import { participation } from './participation.metric';

const at = (iso: string): Date => new Date(iso);
const until = at('2026-11-30T00:00:00Z'); // the last 7 days: 23 Nov 00:00 to 30 Nov 00:00

describe('participation over the last 7 days', () => {
  it('counts members as of the window, including one who left during it, and excludes one who left before it', () => {
    const memberships = [
      { memberId: 'ada', joinedAt: at('2026-01-01T00:00:00Z'), leftAt: null },
      { memberId: 'ben', joinedAt: at('2026-01-01T00:00:00Z'), leftAt: at('2026-11-25T00:00:00Z') },
      { memberId: 'cal', joinedAt: at('2026-01-01T00:00:00Z'), leftAt: at('2026-11-20T00:00:00Z') },
      { memberId: 'dee', joinedAt: at('2026-11-29T00:00:00Z'), leftAt: null },
    ];
    const reflections = [
      { memberId: 'ada', at: at('2026-11-24T09:00:00Z') },
      { memberId: 'ada', at: at('2026-11-26T09:00:00Z') },
      { memberId: 'ben', at: at('2026-11-24T09:00:00Z') },
      { memberId: 'cal', at: at('2026-11-24T09:00:00Z') }, // not a member then
      { memberId: 'dee', at: at('2026-11-22T09:00:00Z') }, // before the window
    ];
    expect(participation(memberships, reflections, until)).toEqual({ members: 3, reflected: 2, share: 2 / 3 });
  });

  it('with no members: no share', () => {
    expect(participation([], [], until)).toEqual({ members: 0, reflected: 0, share: null });
  });
});
