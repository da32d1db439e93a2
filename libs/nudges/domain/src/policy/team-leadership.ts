/**
 * Which team event makes a member a LEADER of a team they did not lead: joining as one, or made one.
 * Such a leader takes over what the team's leaders are still owed (policy.decide.ts), so the event
 * needs the team's journeys, its roster and the new leader's own document (policy.documents.ts).
 */
import type { PolicyEvent } from './policy.events';

export const newLeaderOf = (event: PolicyEvent): { readonly teamId: string; readonly memberId: string } | undefined => {
  if (event.type === 'TeamMemberJoined' && event.data.role === 'LEADER') return event.data;
  if (event.type === 'TeamMemberRoleChanged' && event.data.toRole === 'LEADER' && event.data.fromRole !== 'LEADER') return event.data;
  return undefined;
};
