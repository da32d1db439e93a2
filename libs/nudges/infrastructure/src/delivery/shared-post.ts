/**
 * The post a member delivery makes when its chosen channel is one the whole team reads (the route
 * says so): one post for every recipient of a team's nudge (`sharedPostKeyOf`), settled in
 * PostgreSQL (the 0429 migration). A delivery that finds the post already there records what its
 * member got, and where it came from: `… already has this nudge: posted once for the team by
 * delivery <id>` (the store ends the detail with the id of the delivery that posted it).
 */
import { sharedPostKeyOf, type OwedNudge } from '@stepwise/nudges-domain';
import { attemptDetail, type ChosenChannel } from './member-channel.choice';

export interface SharedPost {
  readonly key: string;
  /** The attempt's detail for a delivery the post covers, less the id of the delivery that posted it. */
  readonly coveredDetail: string;
}

export const sharedPostOf = (nudge: OwedNudge, chosen: ChosenChannel): SharedPost | null => {
  const key = chosen.route?.shared ? sharedPostKeyOf(nudge, chosen.channel) : null;
  if (key === null || !chosen.route) return null;
  const covered = `${chosen.route.address} already has this nudge: posted once for the team by delivery `;
  return { key, coveredDetail: attemptDetail(chosen, covered) ?? covered };
};
