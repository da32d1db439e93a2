/**
 * Reads a team's or organisation's channel settings for one send. A sealed secret this process
 * cannot open (another deployment's key, an altered value) makes that channel unavailable, named
 * with its code, so the member is reached on their next channel and the attempt says why; any other
 * failure (the database) is the delivery's, and it is taken up again later.
 */
import { isCodedError } from '@stepwise/kernel';
import type { ChannelSettingsDirectory, OrganisationSmtp, TeamChannels } from '@stepwise/nudges-application/read';
import type { MemberRouteUnavailable } from '../delivery/delivery.ports';

const SECRET_CODES = new Set(['SECRET_UNSEAL_FAILED', 'SECRET_KEY_UNKNOWN']);

const unsealable = (error: unknown, what: string): MemberRouteUnavailable => {
  if (isCodedError(error) && SECRET_CODES.has(error.code)) {
    return { unavailable: `${what} cannot be opened (${error.code}): every process needs the same STEPWISE_SECRETS_KEY` };
  }
  throw error;
};

export const readTeamChannels = async (
  directory: ChannelSettingsDirectory,
  tenantId: string,
  teamId: string | null,
  channelName: string,
): Promise<TeamChannels | MemberRouteUnavailable> => {
  if (teamId === null) return { unavailable: `the nudge is about no team, and ${channelName} is set per team` };
  try {
    return await directory.teamChannels(tenantId, teamId);
  } catch (error) {
    return unsealable(error, `the team's ${channelName} settings`);
  }
};

export const readOrganisationSmtp = async (directory: ChannelSettingsDirectory, tenantId: string): Promise<OrganisationSmtp | null | MemberRouteUnavailable> => {
  try {
    return await directory.organisationSmtp(tenantId);
  } catch (error) {
    return unsealable(error, "the organisation's SMTP settings");
  }
};

export const isUnavailable = (value: unknown): value is MemberRouteUnavailable => typeof value === 'object' && value !== null && 'unavailable' in value;
