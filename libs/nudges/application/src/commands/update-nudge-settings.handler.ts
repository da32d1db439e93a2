import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, commandFingerprint, EVENT_STORE, handleCommand } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import type { Clock } from '@stepwise/kernel';
import { nudgeSettingsDecider, nudgeSettingsStreamId, type NudgeSettingsCommand } from '@stepwise/nudges-domain';
import { loadOrganisation, memberActorOf } from './nudges-actor';
import type { NudgePreferencesCommandResult } from './nudges-command.result';
import { UpdateNudgeSettingsCommand } from './update-nudge-settings.command';

@CommandHandler(UpdateNudgeSettingsCommand)
export class UpdateNudgeSettingsHandler implements ICommandHandler<UpdateNudgeSettingsCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ input, context }: UpdateNudgeSettingsCommand): Promise<NudgePreferencesCommandResult> {
    const { store, clock } = this;
    return handleCommand({
      store,
      decider: nudgeSettingsDecider,
      streamId: nudgeSettingsStreamId(context.tenantId),
      metadata: {
        tenantId: context.tenantId,
        commandId: context.commandId,
        actorId: context.memberId ?? context.subject,
        correlationId: context.correlationId,
        fingerprint: commandFingerprint('UpdateNudgeSettings', input),
      },
      alongside: () => loadOrganisation(store, context),
      command: (_settings, organisation): NudgeSettingsCommand => ({
        type: 'UpdateNudgeSettings',
        data: { organisationId: context.tenantId, rules: input.rules },
        metadata: { now: clock.now(), actor: memberActorOf(organisation, context) },
      }),
    });
  }
}
