import { registerEnumType } from '@nestjs/graphql';

/** GraphQL enums mirroring the nudge domain's string unions. */
export enum NudgeRuleEnum {
  REFLECT = 'REFLECT',
  NEXT_STEP = 'NEXT_STEP',
  CONSIDER_PIVOT = 'CONSIDER_PIVOT',
  SUPPORT_LOW_COMFORT = 'SUPPORT_LOW_COMFORT',
  SUPPORT_WAITING = 'SUPPORT_WAITING',
  STALLED_JOURNEY = 'STALLED_JOURNEY',
  VISION_REVISED = 'VISION_REVISED',
  COMMITMENT_DUE = 'COMMITMENT_DUE',
  COMMITMENT_OVERDUE = 'COMMITMENT_OVERDUE',
  WEEKLY_DIGEST = 'WEEKLY_DIGEST',
}
export enum MemberChannelEnum { IN_APP = 'IN_APP', EMAIL = 'EMAIL', SLACK = 'SLACK', TEAMS = 'TEAMS' }
export enum WebhookEndpointStatusEnum { ACTIVE = 'ACTIVE', DISABLED = 'DISABLED' }
export enum WebhookDisabledReasonEnum { ADMIN = 'ADMIN', GONE = 'GONE' }

registerEnumType(NudgeRuleEnum, {
  name: 'NudgeRule',
  description: 'A coaching rule a nudge is owed under. Each organisation turns each rule on or off and sets its timing; each member may opt out of any.',
  valuesMap: {
    REFLECT: { description: 'A step was taken and its owner has not reflected on it within delayMinutes (to the owner).' },
    NEXT_STEP: { description: 'The last reflection said closer and no step was planned within delayMinutes (to the journey’s team).' },
    CONSIDER_PIVOT: { description: '`threshold` consecutive NO reflections on a journey against its current direction (to the team’s leaders); an UNSURE between them neither counts nor breaks the run, a YES or a pivot does.' },
    SUPPORT_LOW_COMFORT: { description: 'A reflection with comfort at most `threshold` (to the team’s leaders, after delayMinutes).' },
    SUPPORT_WAITING: { description: 'A support request still open after delayMinutes (to the team’s leaders).' },
    STALLED_JOURNEY: { description: 'An active journey with no step taken for delayMinutes (to the team’s leaders).' },
    VISION_REVISED: { description: 'The vision was revised: read it, then reflect (to the team, after delayMinutes).' },
    COMMITMENT_DUE: { description: 'A commitment is due tomorrow (to its member, delayMinutes after local midnight the day before).' },
    COMMITMENT_OVERDUE: { description: 'A commitment is past its due date in the member’s timezone and still open (to its member, delayMinutes after local midnight).' },
    WEEKLY_DIGEST: { description: 'Monday 09:00 local: the leader’s journeys in a few lines (to each team leader).' },
  },
});
registerEnumType(MemberChannelEnum, {
  name: 'MemberChannel',
  description: 'Where a member can be reached with nudges.',
  valuesMap: {
    IN_APP: { description: 'In Stepwise itself; needs no address. Every nudge can be read here.' },
    EMAIL: { description: 'By email, at the address given with it.' },
    SLACK: { description: 'By Slack direct message, to the Slack user id given with it (e.g. U0123ABCD).' },
    TEAMS: { description: 'Through the organisation’s Microsoft Teams channel; needs no address of the member’s.' },
  },
});
registerEnumType(WebhookEndpointStatusEnum, {
  name: 'WebhookEndpointStatus',
  description: 'Whether deliveries go to a webhook endpoint.',
  valuesMap: {
    ACTIVE: { description: 'Events and nudges it subscribes to are delivered.' },
    DISABLED: { description: 'Nothing is delivered until an admin enables it again; see disabledReason.' },
  },
});
registerEnumType(WebhookDisabledReasonEnum, {
  name: 'WebhookDisabledReason',
  description: 'Why a webhook endpoint is disabled.',
  valuesMap: {
    ADMIN: { description: 'An admin disabled it.' },
    GONE: { description: 'The receiver answered 410 Gone, so delivery disabled it (see disabledStatusCode).' },
  },
});
