import type { SmtpIntegrationView, TeamIntegrationsView } from '@stepwise/nudges-application/read';
import { SlackIntegrationKindEnum, type SmtpIntegrationModel, type TeamIntegrationsModel } from './integrations.models';

export const toTeamIntegrationsModel = (view: TeamIntegrationsView): TeamIntegrationsModel => ({
  teamId: view.teamId,
  slack: view.slack
    ? { configured: true, kind: SlackIntegrationKindEnum[view.slack.kind], webhookHost: view.slack.webhookHost, updatedAt: view.slack.updatedAt }
    : { configured: false, kind: null, webhookHost: null, updatedAt: null },
  teams: view.teams ? { configured: true, host: view.teams.host, updatedAt: view.teams.updatedAt } : { configured: false, host: null, updatedAt: null },
});

export const toSmtpIntegrationModel = (view: SmtpIntegrationView | null): SmtpIntegrationModel =>
  view
    ? { configured: true, ...view }
    : { configured: false, host: null, port: null, secure: null, username: null, passwordSet: false, fromAddress: null, fromName: null, updatedAt: null };
