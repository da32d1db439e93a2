import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CLOCK, commandFingerprint, EVENT_STORE, handleCommand } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import { requiredText, type Clock } from '@stepwise/kernel';
import { notificationPreferencesDecider, notificationPreferencesStreamId, type NotificationPreferencesCommand } from '@stepwise/nudges-domain';
import { accountEmailOf, isCurrentMember, loadOrganisation, memberActorOf } from './nudges-actor';
import type { NudgePreferencesCommandResult } from './nudges-command.result';
import { UpdateNotificationPreferencesCommand } from './update-notification-preferences.command';

/** Member ids are UUIDs; anything much longer names no member and no stream. */
const MEMBER_ID_MAX_LENGTH = 100;

@CommandHandler(UpdateNotificationPreferencesCommand)
export class UpdateNotificationPreferencesHandler implements ICommandHandler<UpdateNotificationPreferencesCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  execute({ input, context }: UpdateNotificationPreferencesCommand): Promise<NudgePreferencesCommandResult> {
    const { store, clock } = this;
    const memberId = requiredText('memberId', input.memberId, MEMBER_ID_MAX_LENGTH);
    return handleCommand({
      store,
      decider: notificationPreferencesDecider,
      streamId: notificationPreferencesStreamId(memberId),
      metadata: {
        tenantId: context.tenantId,
        commandId: context.commandId,
        actorId: context.memberId ?? context.subject,
        correlationId: context.correlationId,
        fingerprint: commandFingerprint('UpdateNotificationPreferences', input),
      },
      alongside: () => loadOrganisation(store, context),
      command: (_preferences, organisation): NotificationPreferencesCommand => ({
        type: 'UpdateNotificationPreferences',
        data: { ...input, organisationId: context.tenantId, memberId },
        metadata: { now: clock.now(), actor: memberActorOf(organisation, context), targetIsMember: isCurrentMember(organisation, memberId), accountEmail: accountEmailOf(organisation, memberId) },
      }),
    });
  }
}
