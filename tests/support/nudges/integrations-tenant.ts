/**
 * An organisation for specs of the delivery composition, set up through the real command handlers
 * (organisation, team, Slack, Teams and SMTP integrations, notification preferences, webhook
 * endpoints) so the read tables delivery reads are written by the real projections. Plain-http and
 * loopback receiver URLs are accepted, as a development deployment accepts them.
 */
import { randomUUID } from 'node:crypto';
import type { CommandContext } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import { runInTenant, type Clock } from '@stepwise/kernel';
import {
  ClearChannelIntegrationCommand,
  ClearChannelIntegrationHandler,
  RegisterWebhookEndpointCommand,
  RegisterWebhookEndpointHandler,
  RemoveWebhookEndpointCommand,
  RemoveWebhookEndpointHandler,
  SetSlackIntegrationCommand,
  SetSlackIntegrationHandler,
  SetSmtpIntegrationCommand,
  SetSmtpIntegrationHandler,
  SetTeamsIntegrationCommand,
  SetTeamsIntegrationHandler,
  UpdateNotificationPreferencesCommand,
  UpdateNotificationPreferencesHandler,
  type SetSmtpIntegrationInput,
} from '@stepwise/nudges-application';
import type { NudgesReadModel, SecretSealer } from '@stepwise/nudges-application/read';
import type { ChannelPreference } from '@stepwise/nudges-domain';
import { teamsIntegrationUrlCheck } from '@stepwise/nudges-infrastructure';
import { tenancyWrites, type TenancyWrites } from '../tenancy-writes';

const LOCAL = { allowHttp: true };
const ADMIN_ID = 'mem-admin';
const ADMIN_SUBJECT = 'auth|admin';

export interface TenantMember {
  readonly memberId: string;
  readonly email?: string;
  /** The name they join with (their member id when not given). */
  readonly displayName?: string;
}

export class IntegrationsTenant {
  private readonly writes: TenancyWrites;

  private constructor(
    readonly tenantId: string,
    private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly sealer: SecretSealer,
  ) {
    this.writes = tenancyWrites(store, clock, tenantId, { memberId: ADMIN_ID, subject: ADMIN_SUBJECT });
  }

  /** An organisation whose ADMIN is `mem-admin`, with these members (timezone UTC). */
  static async create(store: EventStore, clock: Clock, sealer: SecretSealer, members: readonly TenantMember[]): Promise<IntegrationsTenant> {
    const tenant = new IntegrationsTenant(`org-${randomUUID()}`, store, clock, sealer);
    await tenant.writes.organisation({ type: 'CreateOrganisation', data: { organisationId: tenant.tenantId, name: 'Acme', creator: { memberId: ADMIN_ID, displayName: 'Admin', timezone: 'UTC' } } });
    for (const member of members) {
      await tenant.writes.organisation({
        type: 'AddMember',
        data: { organisationId: tenant.tenantId, memberId: member.memberId, subject: `auth|${member.memberId}`, displayName: member.displayName ?? member.memberId, email: member.email ?? null, orgRole: 'MEMBER', timezone: 'UTC' },
      });
    }
    return tenant;
  }

  async team(teamId = `team-${randomUUID().slice(0, 8)}`): Promise<string> {
    await this.writes.team({ type: 'CreateTeam', data: { teamId, organisationId: this.tenantId, name: `Team ${teamId}` } });
    return teamId;
  }

  slackBot(teamId: string, botToken: string): Promise<unknown> {
    return this.run(() => new SetSlackIntegrationHandler(this.store, this.clock, this.sealer, LOCAL).execute(new SetSlackIntegrationCommand({ teamId, botToken }, this.admin())));
  }

  slackWebhook(teamId: string, webhookUrl: string): Promise<unknown> {
    return this.run(() => new SetSlackIntegrationHandler(this.store, this.clock, this.sealer, LOCAL).execute(new SetSlackIntegrationCommand({ teamId, webhookUrl }, this.admin())));
  }

  clearSlack(teamId: string): Promise<unknown> {
    return this.run(() => new ClearChannelIntegrationHandler(this.store, this.clock).execute(new ClearChannelIntegrationCommand({ channel: 'SLACK', teamId }, this.admin())));
  }

  teams(teamId: string, webhookUrl: string): Promise<unknown> {
    return this.run(() =>
      new SetTeamsIntegrationHandler(this.store, this.clock, this.sealer, LOCAL, teamsIntegrationUrlCheck).execute(new SetTeamsIntegrationCommand({ teamId, webhookUrl }, this.admin())),
    );
  }

  smtp(input: SetSmtpIntegrationInput): Promise<unknown> {
    return this.run(() => new SetSmtpIntegrationHandler(this.store, this.clock, this.sealer, LOCAL).execute(new SetSmtpIntegrationCommand(input, this.admin())));
  }

  preferences(memberId: string, channels: readonly ChannelPreference[]): Promise<unknown> {
    return this.run(() => new UpdateNotificationPreferencesHandler(this.store, this.clock).execute(new UpdateNotificationPreferencesCommand({ memberId, channels }, this.admin())));
  }

  /** `endpoints`: the read model over the same database, which registration reads the organisation's endpoints from. */
  async webhookEndpoint(endpoints: Pick<NudgesReadModel, 'webhookEndpointUrls'>, url: string, subscriptions: readonly string[], secret: string): Promise<string> {
    const result = await this.run(() =>
      new RegisterWebhookEndpointHandler(this.store, this.clock, this.sealer, LOCAL, endpoints).execute(new RegisterWebhookEndpointCommand({ url, subscriptions, secret }, this.admin())),
    );
    return result.endpointId;
  }

  removeWebhookEndpoint(endpointId: string): Promise<unknown> {
    return this.run(() => new RemoveWebhookEndpointHandler(this.store, this.clock).execute(new RemoveWebhookEndpointCommand({ endpointId }, this.admin())));
  }

  private admin(): CommandContext {
    return { tenantId: this.tenantId, subject: ADMIN_SUBJECT, memberId: ADMIN_ID, orgRole: 'ADMIN', commandId: randomUUID(), correlationId: randomUUID() };
  }

  private run<T>(work: () => Promise<T>): Promise<T> {
    return runInTenant({ tenantId: this.tenantId, correlationId: randomUUID() }, work);
  }
}
