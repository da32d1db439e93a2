import type { MemberView, OrganisationView, TeamMemberView, TeamView } from '@stepwise/tenancy-application/read';
import { seatLimit, type Plan } from '@stepwise/tenancy-domain';
import { OrgRoleEnum, PlanEnum, SubscriptionStatusEnum, TeamRoleEnum } from '../graphql/enums';
import type { MemberModel, OrganisationModel, TeamMemberModel, TeamModel } from './tenancy.models';

export const toOrganisationModel = (view: OrganisationView): OrganisationModel => ({
  id: view.organisationId,
  name: view.name,
  slug: view.slug,
  myMemberId: view.memberId,
  myRole: view.orgRole as OrgRoleEnum,
});

export const toMemberModel = (view: MemberView): MemberModel => ({
  id: view.memberId,
  displayName: view.displayName,
  email: view.email,
  orgRole: view.orgRole as OrgRoleEnum,
  timezone: view.timezone,
  quietHours: view.quietHours,
  joinedAt: view.joinedAt,
});

export const toTeamModel = (view: TeamView): TeamModel => {
  const limit = view.plan ? seatLimit(view.plan as Plan) : null;
  return {
    id: view.teamId,
    name: view.name,
    plan: view.plan as PlanEnum | null,
    subscriptionStatus: view.subscriptionStatus as SubscriptionStatusEnum | null,
    seatLimit: limit !== null && Number.isFinite(limit) ? limit : null,
    memberCount: view.memberCount,
    myRole: view.myRole as TeamRoleEnum | null,
    createdAt: view.createdAt,
  };
};

export const toTeamMemberModel = (view: TeamMemberView): TeamMemberModel => ({
  memberId: view.memberId,
  displayName: view.displayName,
  role: view.role as TeamRoleEnum,
  joinedAt: view.joinedAt,
});
