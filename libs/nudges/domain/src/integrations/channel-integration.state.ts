/** A team's channel integrations, or an organisation's SMTP server: derived only by folding their events. */
import type { ChannelIntegrationEvent, SlackIntegrationKind } from './channel-integration.events';

export interface SlackIntegrationState {
  readonly kind: SlackIntegrationKind;
  readonly sealedSecret: string;
}

export interface SmtpIntegrationState {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly username: string | null;
  readonly sealedPassword: string | null;
  readonly fromAddress: string;
  readonly fromName: string | null;
}

export interface ChannelIntegrationState {
  readonly slack: SlackIntegrationState | null;
  readonly teamsSealedUrl: string | null;
  readonly smtp: SmtpIntegrationState | null;
}

export const initialChannelIntegrationState = (): ChannelIntegrationState => ({ slack: null, teamsSealedUrl: null, smtp: null });

export const evolveChannelIntegration = (state: ChannelIntegrationState, event: ChannelIntegrationEvent): ChannelIntegrationState => {
  switch (event.type) {
    case 'TeamSlackIntegrationSet':
      return { ...state, slack: { kind: event.data.kind, sealedSecret: event.data.sealedSecret } };
    case 'TeamSlackIntegrationCleared':
      return { ...state, slack: null };
    case 'TeamTeamsIntegrationSet':
      return { ...state, teamsSealedUrl: event.data.sealedUrl };
    case 'TeamTeamsIntegrationCleared':
      return { ...state, teamsSealedUrl: null };
    case 'OrganisationSmtpIntegrationSet': {
      const { host, port, secure, username, sealedPassword, fromAddress, fromName } = event.data;
      return { ...state, smtp: { host, port, secure, username, sealedPassword, fromAddress, fromName } };
    }
    case 'OrganisationSmtpIntegrationCleared':
      return { ...state, smtp: null };
  }
};
