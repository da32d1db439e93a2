import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { canReadNotificationPreferences, NUDGES_READ_MODEL, type NudgesReadModel } from '@stepwise/nudges-application/read';
import type { Caller } from '../auth/caller';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { MemberModel } from '../tenancy/tenancy.models';
import { NotificationPreferencesModel } from './notification-preferences.models';
import { toNotificationPreferencesModel } from './nudges.mappers';

/** `Member.notificationPreferences`: shown to the member themself and to admins, null to everyone else. */
@Resolver(() => MemberModel)
export class MemberNotificationPreferencesResolver {
  constructor(@Inject(NUDGES_READ_MODEL) private readonly nudges: NudgesReadModel) {}

  @ResolveField(() => NotificationPreferencesModel, {
    nullable: true,
    description: 'How the member wants to be nudged; null unless you are this member or an ADMIN.',
  })
  async notificationPreferences(@Parent() member: MemberModel, @CurrentCaller() caller: Caller): Promise<NotificationPreferencesModel | null> {
    if (!canReadNotificationPreferences(caller, member.id)) return null;
    return toNotificationPreferencesModel(await this.nudges.notificationPreferences(caller.organisationId, member.id));
  }
}
