import type { MemberActor, NudgesCommandMetadata } from '../settings/member-actor';
import type { SlackIntegrationKind } from './channel-integration.events';

type Command<Type extends string, Data> = {
  readonly type: Type;
  readonly data: Data & { readonly organisationId: string };
  readonly metadata: NudgesCommandMetadata<MemberActor>;
};

/** Secrets arrive already sealed by the application, with the non-secret facts beside them: the decider never sees plaintext. */
export type SetTeamSlackIntegration = Command<
  'SetTeamSlackIntegration',
  { readonly teamId: string; readonly kind: SlackIntegrationKind; readonly sealedSecret: string; readonly webhookHost: string | null }
>;
export type ClearTeamSlackIntegration = Command<'ClearTeamSlackIntegration', { readonly teamId: string }>;
export type SetTeamTeamsIntegration = Command<'SetTeamTeamsIntegration', { readonly teamId: string; readonly sealedUrl: string; readonly host: string }>;
export type ClearTeamTeamsIntegration = Command<'ClearTeamTeamsIntegration', { readonly teamId: string }>;

/** `sealedPassword` undefined keeps the current password; null sets none. */
export type SetOrganisationSmtpIntegration = Command<
  'SetOrganisationSmtpIntegration',
  {
    readonly host: string;
    readonly port: number;
    readonly secure: boolean;
    readonly username: string | null;
    readonly sealedPassword?: string | null;
    readonly fromAddress: string;
    readonly fromName: string | null;
  }
>;
export type ClearOrganisationSmtpIntegration = Command<'ClearOrganisationSmtpIntegration', object>;

export type ChannelIntegrationCommand =
  | SetTeamSlackIntegration
  | ClearTeamSlackIntegration
  | SetTeamTeamsIntegration
  | ClearTeamTeamsIntegration
  | SetOrganisationSmtpIntegration
  | ClearOrganisationSmtpIntegration;
