/**
 * Reads a team's or organisation's channel settings for one send. A sealed secret this process
 * cannot open (another deployment's key, an altered value) makes that channel unavailable, named
 * with its code, so the member is reached on their next channel and the attempt says why; any other
 * failure (the database) is the delivery's, and it is taken up again later.
 */
import type { ChannelSettingsDirectory, OrganisationSmtp, TeamChannels } from '@stepwise/nudges-application/read';
import type { MemberRouteUnavailable } from '../delivery/delivery.ports';
import { unopenedSecretReason } from '../secrets/secret-box.errors';

const unsealable = (error: unknown, what: string): MemberRouteUnavailable => {
  const unavailable = unopenedSecretReason(error, what);
  if (unavailable === undefined) throw error;
  return { unavailable };
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
