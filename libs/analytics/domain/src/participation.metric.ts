/**
 * Participation: the share of a team's members who reflected in the last 7 days. Members are those on
 * the team at any time during those 7 days (from the membership history: someone who left yesterday
 * still counts for the days they were there).
 */

export interface MembershipFact {
  readonly memberId: string;
  readonly joinedAt: Date;
  readonly leftAt: Date | null;
}

export interface Participation {
  readonly members: number;
  readonly reflected: number;
  /** reflected / members; null with no members. */
  readonly share: number | null;
}

export const PARTICIPATION_DAYS = 7;

export const participationWindow = (until: Date): { from: Date; to: Date } => ({
  from: new Date(until.getTime() - PARTICIPATION_DAYS * 86_400_000),
  to: until,
});

export const participation = (
  memberships: readonly MembershipFact[],
  reflections: readonly { readonly memberId: string; readonly at: Date }[],
  until: Date,
): Participation => {
  const { from, to } = participationWindow(until);
  const members = new Set(
    memberships.filter((m) => m.joinedAt < to && (m.leftAt === null || m.leftAt > from)).map((m) => m.memberId),
  );
  const reflected = new Set(reflections.filter((r) => r.at >= from && r.at < to && members.has(r.memberId)).map((r) => r.memberId));
  return { members: members.size, reflected: reflected.size, share: members.size === 0 ? null : reflected.size / members.size };
};
