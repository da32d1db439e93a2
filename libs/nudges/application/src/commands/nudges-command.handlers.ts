/** One command and one handler per nudges use case; the api registers every handler listed here. */
import { UpdateNudgeSettingsHandler } from './update-nudge-settings.handler';
import { UpdateNotificationPreferencesHandler } from './update-notification-preferences.handler';
import { RegisterWebhookEndpointHandler } from './register-webhook-endpoint.handler';
import { UpdateWebhookEndpointHandler } from './update-webhook-endpoint.handler';
import { RotateWebhookSecretHandler } from './rotate-webhook-secret.handler';
import { ExpirePreviousWebhookSecretHandler } from './expire-previous-webhook-secret.handler';
import { DisableWebhookEndpointHandler } from './disable-webhook-endpoint.handler';
import { EnableWebhookEndpointHandler } from './enable-webhook-endpoint.handler';
import { RemoveWebhookEndpointHandler } from './remove-webhook-endpoint.handler';
import { SetSlackIntegrationHandler } from './set-slack-integration.handler';
import { SetTeamsIntegrationHandler } from './set-teams-integration.handler';
import { SetSmtpIntegrationHandler } from './set-smtp-integration.handler';
import { ClearChannelIntegrationHandler } from './clear-channel-integration.handler';
import { DismissNudgeHandler } from './dismiss-nudge.handler';
import { ReplayDeadLetterHandler } from './replay-dead-letter.handler';

export const nudgesCommandHandlers = [
  UpdateNudgeSettingsHandler,
  UpdateNotificationPreferencesHandler,
  RegisterWebhookEndpointHandler,
  UpdateWebhookEndpointHandler,
  RotateWebhookSecretHandler,
  ExpirePreviousWebhookSecretHandler,
  DisableWebhookEndpointHandler,
  EnableWebhookEndpointHandler,
  RemoveWebhookEndpointHandler,
  SetSlackIntegrationHandler,
  SetTeamsIntegrationHandler,
  SetSmtpIntegrationHandler,
  ClearChannelIntegrationHandler,
  DismissNudgeHandler,
  ReplayDeadLetterHandler,
];
