/**
 * A team's Slack and Teams integrations and an organisation's SMTP server: only an organisation
 * ADMIN sets, replaces or clears them. Secrets come sealed; clearing what is not set changes nothing.
 */
import { invalid, type EventSourcedDecider } from '@stepwise/kernel';
import { ForbiddenError } from '@stepwise/tenancy-domain';
import type { MemberActor } from '../settings/member-actor';
import type { ChannelIntegrationCommand, SetOrganisationSmtpIntegration } from './channel-integration.commands';
import { channelIntegrationEventSchemaVersions, SLACK_INTEGRATION_KINDS, type ChannelIntegrationEvent } from './channel-integration.events';
import { evolveChannelIntegration, initialChannelIntegrationState, type ChannelIntegrationState } from './channel-integration.state';
import { validSmtpFromAddress, validSmtpFromName, validSmtpHost, validSmtpPort, validSmtpSecure, validSmtpUsername } from './channel-integration.validation';

/** The first check of every integration command, before its input is read: a non-admin learns nothing of it. */
export const refuseUnlessIntegrationsAdmin = (orgRole: string | undefined): void => {
  if (orgRole !== 'ADMIN') throw new ForbiddenError('Only an organisation ADMIN may manage Slack, Teams and email integrations');
};

const requireAdmin = (actor: MemberActor): string => {
  refuseUnlessIntegrationsAdmin(actor.orgRole);
  return actor.memberId;
};

const sealed = (field: string, value: unknown): string =>
  typeof value === 'string' && value.length > 0 ? value : invalid(field, 'REQUIRED', `A sealed ${field} is required`);

/** Host names are compared as DNS compares them: in any case, with or without the root's dot. */
const sameHost = (a: string | undefined, b: string): boolean => a !== undefined && a.toLowerCase().replace(/\.$/, '') === b.toLowerCase().replace(/\.$/, '');

const setSmtp = ({ data, metadata }: SetOrganisationSmtpIntegration, state: ChannelIntegrationState): ChannelIntegrationEvent[] => {
  const by = requireAdmin(metadata.actor);
  const host = validSmtpHost(data.host);
  const port = validSmtpPort(data.port);
  const secure = validSmtpSecure(data.secure);
  const username = validSmtpUsername(data.username);
  const fromAddress = validSmtpFromAddress(data.fromAddress);
  const fromName = validSmtpFromName(data.fromName);
  const kept = state.smtp?.sealedPassword ?? null;
  // A kept password goes in the AUTH command to the server `host` names: to another host, an admin
  // could read it there, though it is never answered. It is kept for the host it was given for.
  if (data.sealedPassword === undefined && kept !== null && !sameHost(state.smtp?.host, host)) {
    invalid('password', 'REQUIRED', 'Give the password again (or null for none): the host changed, and the current password is only sent to the host it was given for');
  }
  const sealedPassword = data.sealedPassword === undefined ? kept : data.sealedPassword === null ? null : sealed('password', data.sealedPassword);
  if (sealedPassword !== null && username === null) invalid('username', 'REQUIRED', 'A password needs a username');
  const { organisationId } = data;
  return [
    {
      type: 'OrganisationSmtpIntegrationSet',
      data: { organisationId, host, port, secure, username, sealedPassword, fromAddress, fromName, setBy: by, at: metadata.now.toISOString() },
    },
  ];
};

export const decideChannelIntegration = (command: ChannelIntegrationCommand, state: ChannelIntegrationState): ChannelIntegrationEvent[] => {
  const at = command.metadata.now.toISOString();
  switch (command.type) {
    case 'SetTeamSlackIntegration': {
      const setBy = requireAdmin(command.metadata.actor);
      const { organisationId, teamId, kind, webhookHost } = command.data;
      if (!SLACK_INTEGRATION_KINDS.includes(kind)) invalid('kind', 'NOT_ALLOWED', 'kind must be BOT_TOKEN or INCOMING_WEBHOOK');
      const sealedSecret = sealed(kind === 'BOT_TOKEN' ? 'botToken' : 'webhookUrl', command.data.sealedSecret);
      return [{ type: 'TeamSlackIntegrationSet', data: { organisationId, teamId, kind, sealedSecret, webhookHost: kind === 'BOT_TOKEN' ? null : webhookHost, setBy, at } }];
    }
    case 'ClearTeamSlackIntegration': {
      const clearedBy = requireAdmin(command.metadata.actor);
      if (state.slack === null) return [];
      return [{ type: 'TeamSlackIntegrationCleared', data: { organisationId: command.data.organisationId, teamId: command.data.teamId, clearedBy, at } }];
    }
    case 'SetTeamTeamsIntegration': {
      const setBy = requireAdmin(command.metadata.actor);
      const { organisationId, teamId, host } = command.data;
      return [{ type: 'TeamTeamsIntegrationSet', data: { organisationId, teamId, sealedUrl: sealed('webhookUrl', command.data.sealedUrl), host, setBy, at } }];
    }
    case 'ClearTeamTeamsIntegration': {
      const clearedBy = requireAdmin(command.metadata.actor);
      if (state.teamsSealedUrl === null) return [];
      return [{ type: 'TeamTeamsIntegrationCleared', data: { organisationId: command.data.organisationId, teamId: command.data.teamId, clearedBy, at } }];
    }
    case 'SetOrganisationSmtpIntegration':
      return setSmtp(command, state);
    case 'ClearOrganisationSmtpIntegration': {
      const clearedBy = requireAdmin(command.metadata.actor);
      if (state.smtp === null) return [];
      return [{ type: 'OrganisationSmtpIntegrationCleared', data: { organisationId: command.data.organisationId, clearedBy, at } }];
    }
  }
};

export const channelIntegrationDecider: EventSourcedDecider<ChannelIntegrationCommand, ChannelIntegrationEvent, ChannelIntegrationState> = {
  initialState: initialChannelIntegrationState,
  decide: decideChannelIntegration,
  evolve: evolveChannelIntegration,
  eventSchemaVersions: channelIntegrationEventSchemaVersions,
};
