import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, EVENT_STORE } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { refuseUnlessIntegrationsAdmin, validSmtpPassword } from '@stepwise/nudges-domain';
import { SECRET_SEALER, type SecretSealer } from '../secret-sealer.port';
import { assertPublicHost, WEBHOOK_URL_POLICY, type WebhookUrlPolicy } from '../webhook-url.policy';
import { decideOnChannelIntegration } from './decide-on-channel-integration';
import type { ChannelIntegrationCommandResult } from './integration-command.result';
import { SetSmtpIntegrationCommand } from './set-smtp-integration.command';

@CommandHandler(SetSmtpIntegrationCommand)
export class SetSmtpIntegrationHandler implements ICommandHandler<SetSmtpIntegrationCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SECRET_SEALER) private readonly sealer: SecretSealer,
    @Inject(WEBHOOK_URL_POLICY) private readonly urlPolicy: WebhookUrlPolicy,
  ) {}

  async execute({ input, context }: SetSmtpIntegrationCommand): Promise<ChannelIntegrationCommandResult> {
    refuseUnlessIntegrationsAdmin(context.orgRole);
    const { password, ...facts } = input;
    assertPublicHost(this.urlPolicy, 'host', facts.host);
    const given = password === undefined || password === null ? password : validSmtpPassword(password);
    const sealedPassword = typeof given === 'string' ? await this.sealer.seal(given) : given;
    return decideOnChannelIntegration(
      { store: this.store, clock: this.clock },
      {
        type: 'SetOrganisationSmtpIntegration',
        data: {
          organisationId: context.tenantId,
          host: facts.host,
          port: facts.port,
          secure: facts.secure,
          username: facts.username ?? null,
          ...(sealedPassword !== undefined && { sealedPassword }),
          fromAddress: facts.fromAddress,
          fromName: facts.fromName ?? null,
        },
      },
      context,
      { ...facts, password: given === undefined ? 'kept' : given === null ? 'none' : { set: await this.sealer.fingerprintOf(given) } },
    );
  }
}
