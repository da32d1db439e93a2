/**
 * Where a nudge reaches its member: the first channel of their preferences that can take it now (the
 * deployment sends on it, the team or organisation configured it, the member gave an address where
 * it needs one), else in-app, which always can (the nudge is in their list in the app whatever
 * happens). Every preferred channel passed over is named with why, for the attempt's record.
 */
import type { MemberChannel } from '@stepwise/nudges-domain';
import { RECIPIENT_ONLY_RULES } from '../history/dead-letters-recipient-only.migration';
import type { MemberChannelSenders, MemberRoute, MemberSendTarget } from './delivery.ports';

/**
 * A nudge whose arrival alone tells that someone's comfort was low (SUPPORT_LOW_COMFORT, to their
 * leaders) is read in Stepwise alone. Every other channel passes through what an admin sets up or can
 * redirect: the organisation's SMTP server, the team's Slack integration (whose bot token can read the
 * bot's direct messages) or Teams workflow, a member's addresses. An admin who led no team could
 * otherwise learn a member's comfort, exactly, by setting the rule's threshold to 1 and reading the
 * mail: what the wider organisation sees of comfort is aggregates over the minimum group size.
 */
const IN_APP_ONLY_REASON = 'a low-comfort nudge is read in Stepwise alone';

export interface ChosenChannel {
  readonly channel: MemberChannel;
  /** Where it goes, as recorded; null for in-app. */
  readonly address: string | null;
  /** The sending end; null for in-app. */
  readonly route: MemberRoute | null;
  /** Preferred channels before this one that could not take the nudge, each with why. */
  readonly passedOver: readonly string[];
}

export const IN_APP: ChosenChannel = { channel: 'IN_APP', address: null, route: null, passedOver: [] };

export const chooseMemberChannel = async (target: Omit<MemberSendTarget, 'address'>, senders: MemberChannelSenders): Promise<ChosenChannel> => {
  const passedOver: string[] = [];
  if (RECIPIENT_ONLY_RULES.includes(target.nudge.rule)) {
    const before = target.member.channels.findIndex((preference) => preference.channel === 'IN_APP');
    const preferred = before === -1 ? target.member.channels : target.member.channels.slice(0, before);
    return { ...IN_APP, passedOver: preferred.map((preference) => `${preference.channel}: ${IN_APP_ONLY_REASON}`) };
  }
  for (const preference of target.member.channels) {
    if (preference.channel === 'IN_APP') break;
    const sender = senders[preference.channel];
    if (!sender) {
      passedOver.push(`${preference.channel}: this deployment sends no ${preference.channel} nudges`);
      continue;
    }
    const route = await sender.route({ ...target, address: preference.address });
    if ('unavailable' in route) {
      passedOver.push(`${preference.channel}: ${route.unavailable}`);
      continue;
    }
    return { channel: preference.channel, address: route.address, route, passedOver };
  }
  return { ...IN_APP, passedOver };
};

/** The attempt's detail: the channels passed over, then what the channel used answered. */
export const attemptDetail = (chosen: ChosenChannel, answered: string | null): string | null => {
  if (chosen.passedOver.length === 0) return answered;
  const fellThrough = `passed over ${chosen.passedOver.join('; ')}; ${chosen.channel === 'IN_APP' ? 'delivered in-app' : `sent by ${chosen.channel}`}`;
  return answered ? `${fellThrough}: ${answered}` : fellThrough;
};
