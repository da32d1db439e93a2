import { registerEnumType } from '@nestjs/graphql';

/** GraphQL enums mirror the domain's string unions (the domain stays free of GraphQL). */
export enum OrgRoleEnum { ADMIN = 'ADMIN', MEMBER = 'MEMBER' }
export enum TeamRoleEnum { LEADER = 'LEADER', STAFF = 'STAFF' }
export enum PlanEnum { STARTER = 'STARTER', GROWTH = 'GROWTH', UNLIMITED = 'UNLIMITED' }
export enum SubscriptionStatusEnum { TRIALING = 'TRIALING', ACTIVE = 'ACTIVE', PAST_DUE = 'PAST_DUE', CANCELLED = 'CANCELLED' }
export enum CloserEnum { YES = 'YES', NO = 'NO', UNSURE = 'UNSURE' }
export enum JourneyStatusEnum { ACTIVE = 'ACTIVE', PAUSED = 'PAUSED', COMPLETED = 'COMPLETED', ABANDONED = 'ABANDONED' }
export enum StepStatusEnum { PLANNED = 'PLANNED', TAKEN = 'TAKEN', DROPPED = 'DROPPED' }
export enum CommitmentStatusEnum { OPEN = 'OPEN', KEPT = 'KEPT', MISSED = 'MISSED' }
export enum ComfortHiddenReasonEnum {
  INDIVIDUAL_COMFORT_IS_PRIVATE = 'INDIVIDUAL_COMFORT_IS_PRIVATE',
  FEWER_PEOPLE_THAN_MINIMUM_GROUP_SIZE = 'FEWER_PEOPLE_THAN_MINIMUM_GROUP_SIZE',
  READ_IN_ANALYTICS = 'READ_IN_ANALYTICS',
}
export enum SupportRequestStatusEnum { OPEN = 'OPEN', ANSWERED = 'ANSWERED' }
export enum SupportTextHiddenReasonEnum { SUPPORT_IS_PRIVATE = 'SUPPORT_IS_PRIVATE' }

registerEnumType(OrgRoleEnum, {
  name: 'OrgRole',
  description: 'A member’s role in the organisation, apart from their role on each team.',
  valuesMap: {
    ADMIN: { description: 'Manages members, teams and subscriptions, and sees every team and journey.' },
    MEMBER: { description: 'Sees the teams they belong to and those teams’ journeys.' },
  },
});
registerEnumType(TeamRoleEnum, {
  name: 'TeamRole',
  description: 'A member’s role on one team.',
  valuesMap: {
    LEADER: {
      description: 'Starts journeys, sets the vision and direction, pivots, offers support, plans steps and commitments for others, and reads everyone’s reflection notes.',
    },
    STAFF: { description: 'Plans and takes their own steps, reflects, asks for support and makes commitments.' },
  },
});
registerEnumType(PlanEnum, {
  name: 'Plan',
  description: 'A team’s subscription plan: how many members the team may have.',
  valuesMap: {
    STARTER: { description: 'Up to 10 members on the team.' },
    GROWTH: { description: 'Up to 50 members on the team.' },
    UNLIMITED: { description: 'No seat limit.' },
  },
});
registerEnumType(SubscriptionStatusEnum, {
  name: 'SubscriptionStatus',
  description: 'Where a team’s subscription stands. A team takes writes only while TRIALING or ACTIVE; otherwise it is read-only (SUBSCRIPTION_INACTIVE).',
  valuesMap: {
    TRIALING: { description: 'On trial: the team takes writes.' },
    ACTIVE: { description: 'Paid up: the team takes writes.' },
    PAST_DUE: { description: 'Payment is late: the team is read-only until the status changes back.' },
    CANCELLED: { description: 'Cancelled with cancelSubscription: the team is read-only.' },
  },
});
registerEnumType(CloserEnum, {
  name: 'Closer',
  description: 'The answer to "are we closer to where we want to be?", kept apart from how comfortable the member feels.',
  valuesMap: {
    YES: { description: 'Closer to the vision.' },
    NO: { description: 'Not closer: a signal the direction may need a pivot.' },
    UNSURE: { description: 'Cannot tell yet.' },
  },
});
registerEnumType(JourneyStatusEnum, {
  name: 'JourneyStatus',
  description: 'Whether a journey takes steps now.',
  valuesMap: {
    ACTIVE: { description: 'Under way: steps, reflections and commitments are taken.' },
    PAUSED: { description: 'Paused by a leader: no step is planned or taken until a leader resumes it.' },
    COMPLETED: { description: 'Finished by a leader; takes nothing further.' },
    ABANDONED: { description: 'Given up by a leader; takes nothing further.' },
  },
});
registerEnumType(StepStatusEnum, {
  name: 'StepStatus',
  description: 'Where a step stands.',
  valuesMap: {
    PLANNED: { description: 'Planned, not yet taken.' },
    TAKEN: { description: 'Taken (once); its owner reflects on it next.' },
    DROPPED: { description: 'Dropped: it will not be taken.' },
  },
});
registerEnumType(CommitmentStatusEnum, {
  name: 'CommitmentStatus',
  description: 'Whether a commitment was honoured.',
  valuesMap: {
    OPEN: { description: 'Not yet kept or missed.' },
    KEPT: { description: 'Marked kept, by the committed member or a leader.' },
    MISSED: { description: 'Marked missed, by a leader.' },
  },
});
registerEnumType(ComfortHiddenReasonEnum, {
  name: 'ComfortHiddenReason',
  description: 'Why a comfort figure is not shown to you.',
  valuesMap: {
    INDIVIDUAL_COMFORT_IS_PRIVATE: {
      description: 'One person’s comfort is shown to them and to their team’s leaders only; everyone else sees comfort as aggregates over enough people.',
    },
    FEWER_PEOPLE_THAN_MINIMUM_GROUP_SIZE: { description: 'Fewer distinct people answered than the organisation’s minimum group size.' },
    READ_IN_ANALYTICS: {
      description:
        'You read this comfort in the analytics, as sums of finished weeks (an admin who does not lead the team); a mean cut another way beside them would tell one person’s comfort.',
    },
  },
});
registerEnumType(SupportRequestStatusEnum, {
  name: 'SupportRequestStatus',
  description: 'Whether a request for support has had a leader’s answer.',
  valuesMap: {
    OPEN: { description: 'No leader has offered support yet.' },
    ANSWERED: { description: 'At least one leader has offered support (see `offers`).' },
  },
});
registerEnumType(SupportTextHiddenReasonEnum, {
  name: 'SupportTextHiddenReason',
  description: 'Why the words of a request for support, or of an offer, are not shown to you.',
  valuesMap: {
    SUPPORT_IS_PRIVATE: {
      description:
        'What someone asked for support with is shown to them and to their team’s leaders only, and a leader’s offer to them, whoever offered it and the team’s leaders; the rest of the team sees only that support was asked for and offered.',
    },
  },
});
