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

registerEnumType(OrgRoleEnum, { name: 'OrgRole', description: 'ADMIN manages teams, subscriptions and members.' });
registerEnumType(TeamRoleEnum, { name: 'TeamRole', description: 'LEADERs set the vision and direction; STAFF take steps and reflect.' });
registerEnumType(PlanEnum, { name: 'Plan', description: 'STARTER: 10 seats, GROWTH: 50, UNLIMITED.' });
registerEnumType(SubscriptionStatusEnum, { name: 'SubscriptionStatus', description: 'A team takes writes only while TRIALING or ACTIVE.' });
registerEnumType(CloserEnum, { name: 'Closer', description: '"Are we closer to where we want to be?"' });
registerEnumType(JourneyStatusEnum, { name: 'JourneyStatus' });
registerEnumType(StepStatusEnum, { name: 'StepStatus' });
registerEnumType(CommitmentStatusEnum, { name: 'CommitmentStatus' });
