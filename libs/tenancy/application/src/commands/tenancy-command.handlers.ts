/** One command and one handler per organisation and team use case; the api registers every handler listed here. */
import { CreateOrganisationHandler } from './create-organisation.handler';
import { AddMemberHandler } from './add-member.handler';
import { ChangeMemberRoleHandler } from './change-member-role.handler';
import { UpdateMemberPreferencesHandler } from './update-member-preferences.handler';
import { ChangeMemberEmailHandler } from './change-member-email.handler';
import { RemoveMemberHandler } from './remove-member.handler';
import { UpdateOrganisationSettingsHandler } from './update-organisation-settings.handler';
import { CreateTeamHandler } from './create-team.handler';
import { SubscribeTeamHandler } from './subscribe-team.handler';
import { ChangeSubscriptionHandler } from './change-subscription.handler';
import { CancelSubscriptionHandler } from './cancel-subscription.handler';
import { AddTeamMemberHandler } from './add-team-member.handler';
import { ChangeTeamRoleHandler } from './change-team-role.handler';
import { RemoveTeamMemberHandler } from './remove-team-member.handler';

export const tenancyCommandHandlers = [
  CreateOrganisationHandler,
  AddMemberHandler,
  ChangeMemberRoleHandler,
  UpdateMemberPreferencesHandler,
  ChangeMemberEmailHandler,
  RemoveMemberHandler,
  UpdateOrganisationSettingsHandler,
  CreateTeamHandler,
  SubscribeTeamHandler,
  ChangeSubscriptionHandler,
  CancelSubscriptionHandler,
  AddTeamMemberHandler,
  ChangeTeamRoleHandler,
  RemoveTeamMemberHandler,
];
