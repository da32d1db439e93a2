import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { UpdateNotificationPreferencesCommand } from '@stepwise/nudges-application';
import { canReadNotificationPreferences, NUDGES_READ_MODEL, requireNotificationPreferencesReader, type NudgesReadModel } from '@stepwise/nudges-application/read';
import { TENANCY_READ_MODEL, type TenancyReadModel } from '@stepwise/tenancy-application/read';
import { MemberNotFoundError } from '@stepwise/tenancy-domain';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { CommandSender } from '../commands/command-sender';
import { toOutcome } from '../graphql/mutation-outcome';
import { NotificationPreferencesModel, NotificationPreferencesPayload, UpdateNotificationPreferencesInput } from './notification-preferences.models';
import { toNotificationPreferencesModel } from './nudges.mappers';

/** A member's notification preferences: theirs and the admins' to read and change. */
@Resolver(() => NotificationPreferencesModel)
export class NotificationPreferencesResolver {
  constructor(
    private readonly commands: CommandSender,
    @Inject(NUDGES_READ_MODEL) private readonly nudges: NudgesReadModel,
    @Inject(TENANCY_READ_MODEL) private readonly tenancy: TenancyReadModel,
  ) {}

  @Query(() => NotificationPreferencesModel, {
    description: 'A member’s notification preferences (the defaults until they set any): your own, or anyone’s if you are an ADMIN (FORBIDDEN otherwise). MEMBER_NOT_FOUND for an id that is no current member.',
  })
  async notificationPreferences(
    @CurrentCaller() caller: Caller,
    @Args('memberId', { type: () => ID, description: 'The member (a Member id).' }) memberId: string,
  ): Promise<NotificationPreferencesModel> {
    if (!(await this.tenancy.member(caller.organisationId, memberId))) throw new MemberNotFoundError(memberId);
    requireNotificationPreferencesReader(caller, memberId);
    return toNotificationPreferencesModel(await this.nudges.notificationPreferences(caller.organisationId, memberId));
  }

  @Mutation(() => NotificationPreferencesPayload, { nullable: true,
    description:
      'Changes a member’s channels, opt-outs or daily cap: your own, or anyone’s if you are an ADMIN (FORBIDDEN otherwise). Omitted fields stay; ' +
      'a bad value fails with VALIDATION_FAILED naming it (e.g. channels[0].address) and changes nothing.',
  })
  async updateNotificationPreferences(
    @CurrentCaller() caller: Caller,
    @Args('input', { description: 'The member and the preferences to change.' }) input: UpdateNotificationPreferencesInput,
  ): Promise<NotificationPreferencesPayload> {
    const command = new UpdateNotificationPreferencesCommand(
      {
        memberId: input.memberId,
        ...(input.channels !== undefined && input.channels !== null && { channels: input.channels.map(({ channel, address }) => ({ channel, address: address ?? null })) }),
        ...(input.optedOut !== undefined && input.optedOut !== null && { optedOut: input.optedOut }),
        ...(input.dailyCap !== undefined && input.dailyCap !== null && { dailyCap: input.dailyCap }),
      },
      this.commands.context(caller, input.clientMutationId),
    );
    const sent = await this.commands.send(command);
    // A replay answers as the caller is now: an admin made MEMBER since no longer reads another's preferences.
    if (!canReadNotificationPreferences(caller, input.memberId)) return { memberId: input.memberId, preferences: null, outcome: toOutcome(sent) };
    const preferences = await this.nudges.notificationPreferences(caller.organisationId, input.memberId);
    return { memberId: input.memberId, preferences: toNotificationPreferencesModel(preferences), outcome: toOutcome(sent) };
  }
}
