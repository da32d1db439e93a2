/**
 * What one event makes owed. `decidePolicy` reads the state with the event already folded in
 * (`reactToEvent` does both), so "the second NO in a row" is the state's count, not a guess.
 * Each rule's due instant is its triggering fact's time plus the organisation's delay for it, but
 * never before the log recorded the event: a step recorded days after it was taken owes its
 * "reflect" nudge from when it was recorded, not from a time nobody could have acted on (that due
 * time, long past, would have been written STALE and never sent). Addressing then moves it out of
 * each recipient's quiet hours. Time comes only from the events and their recording.
 */
import { addLocalDays, localDateOf } from '@stepwise/kernel';
import type { JourneyEvent } from '@stepwise/journeys-domain';
import { isJourneyEvent } from '@stepwise/journeys-domain';
import type { PolicyDecision } from './policy.decision';
import { address, ruleDelayMs, ruleSetting, ruleThreshold, type Audience, type NudgeIntent } from './nudge.addressing';
import { instantAtLocal, knownTimezone } from './local-time';
import { memberIdNowOf } from './person.identity';
import type { PolicyInput } from './policy.events';
import { evolvePolicy } from './policy.evolve';
import { own, type JourneyDocument, type PolicyState } from './policy.state';
import { makesWritable } from './subscription-lapse.policy';
import { newLeaderOf } from './team-leadership';

const DAY_MINUTES = 24 * 60;

const plus = (at: string, milliseconds: number): Date => new Date(Date.parse(at) + milliseconds);

/** `minutes` after local midnight of `localDate`, read on the wall clock (09:00 is 09:00 on a DST day too). */
export const wallClockAfterMidnight = (localDate: string, minutes: number, timezone: string): Date =>
  instantAtLocal(addLocalDays(localDate, Math.floor(minutes / DAY_MINUTES)), minutes % DAY_MINUTES, timezone);

/** "No step taken for a while": to the leaders, counted from the start of the current quiet stretch. */
const stalled = (state: PolicyState, journey: JourneyDocument): NudgeIntent => ({
  rule: 'STALLED_JOURNEY',
  audience: { kind: 'team', teamId: journey.teamId, leadersOnly: true },
  subject: { journeyId: journey.journeyId, teamId: journey.teamId, subjectId: `quiet-since-${journey.quietSince}` },
  scheduledAt: plus(journey.quietSince, ruleDelayMs(state, 'STALLED_JOURNEY')),
  facts: { journeyTitle: journey.title, quietSince: journey.quietSince },
});

const commitmentIntents = (state: PolicyState, journey: JourneyDocument, event: Extract<JourneyEvent, { type: 'CommitmentMade' }>): NudgeIntent[] => {
  const { commitmentId, memberId, description, dueOn, at } = event.data;
  const timezone = knownTimezone(own(state.members, memberId)?.timezone);
  const subject = { journeyId: journey.journeyId, teamId: journey.teamId, subjectId: commitmentId };
  const facts = { journeyTitle: journey.title, commitmentId, description, dueOn };
  const audience = { kind: 'member' as const, memberId };
  // The rule's delay on the wall clock, kept with the nudge: delivery keeps to it where the member is then (memberDayStartOf).
  const overdueMinutes = ruleSetting(state, 'COMMITMENT_OVERDUE').delayMinutes ?? 0;
  const overdue: NudgeIntent = {
    rule: 'COMMITMENT_OVERDUE',
    audience,
    subject,
    // Past dueOn where the member is: from their next local midnight, plus the rule's delay on the wall clock.
    scheduledAt: wallClockAfterMidnight(addLocalDays(dueOn, 1), overdueMinutes, timezone),
    facts: { ...facts, minutesAfterMidnight: overdueMinutes },
  };
  // "Due tomorrow" only means something when it is made before the day before ends.
  if (localDateOf(new Date(at), timezone) >= dueOn) return [overdue];
  const dueMinutes = ruleSetting(state, 'COMMITMENT_DUE').delayMinutes ?? 0;
  const reminder = wallClockAfterMidnight(addLocalDays(dueOn, -1), dueMinutes, timezone);
  const due: NudgeIntent = {
    rule: 'COMMITMENT_DUE',
    audience,
    subject,
    scheduledAt: reminder.getTime() < Date.parse(at) ? new Date(at) : reminder,
    facts: { ...facts, minutesAfterMidnight: dueMinutes },
  };
  return [due, overdue];
};

/** The member a leaders' support nudge is about, by name (their leaders may know who needs them), when the policy knows it. */
const memberNameOf = (state: PolicyState, memberId: string): { memberName?: string } => {
  const displayName = own(state.members, memberId)?.displayName;
  return displayName ? { memberName: displayName } : {};
};

/** "A support request still open": to `audience` (the team's leaders, or a leader who took over), a delay after it was made. */
const supportWaiting = (
  state: PolicyState,
  journey: JourneyDocument,
  requestId: string,
  request: { readonly memberId: string; readonly requestedAt: string },
  audience: Audience,
): NudgeIntent => ({
  rule: 'SUPPORT_WAITING',
  audience,
  subject: { journeyId: journey.journeyId, teamId: journey.teamId, subjectId: requestId },
  scheduledAt: plus(request.requestedAt, ruleDelayMs(state, 'SUPPORT_WAITING')),
  facts: { journeyTitle: journey.title, requestId, memberId: request.memberId, ...memberNameOf(state, request.memberId), requestedAt: request.requestedAt },
});

const journeyIntents = (state: PolicyState, event: JourneyEvent): NudgeIntent[] => {
  const journey = own(state.journeys, event.data.journeyId);
  if (!journey) return [];
  const { journeyId, teamId } = journey;
  const about = (subjectId: string) => ({ journeyId, teamId, subjectId });
  switch (event.type) {
    case 'JourneyStarted':
    case 'JourneyResumed':
      return [stalled(state, journey)];
    case 'StepTaken': {
      const { stepId, ownerId, takenAt } = event.data;
      const reflect: NudgeIntent = {
        rule: 'REFLECT',
        // The owner where they are now: removed and added again, under their new member id.
        audience: { kind: 'member', memberId: memberIdNowOf(state, ownerId, teamId) },
        subject: about(stepId),
        scheduledAt: plus(takenAt, ruleDelayMs(state, 'REFLECT')),
        facts: { journeyTitle: journey.title, stepId, stepTitle: own(journey.steps, stepId)?.title ?? null, takenAt },
      };
      // A step recorded as taken earlier than the last one does not restart the quiet stretch.
      return journey.quietSince === takenAt ? [reflect, stalled(state, journey)] : [reflect];
    }
    case 'ReflectionRecorded': {
      const { reflectionId, memberId, closer, comfort, at } = event.data;
      const intents: NudgeIntent[] = [];
      if (closer === 'YES') {
        intents.push({
          rule: 'NEXT_STEP',
          audience: { kind: 'team', teamId, leadersOnly: false },
          subject: about(reflectionId),
          scheduledAt: plus(at, ruleDelayMs(state, 'NEXT_STEP')),
          facts: { journeyTitle: journey.title, reflectionId, reflectedBy: memberId },
        });
      }
      if (closer === 'NO' && journey.noRun && journey.noRun.pivotOwedAt === journey.noRun.count) {
        intents.push({
          rule: 'CONSIDER_PIVOT',
          audience: { kind: 'team', teamId, leadersOnly: true },
          // One per run of NOs: the run is named by its first reflection.
          subject: about(`no-run-${journey.noRun.firstReflectionId}`),
          scheduledAt: plus(at, ruleDelayMs(state, 'CONSIDER_PIVOT')),
          facts: { journeyTitle: journey.title, consecutiveNo: journey.noRun.count, firstReflectionId: journey.noRun.firstReflectionId },
        });
      }
      if (comfort <= ruleThreshold(state, 'SUPPORT_LOW_COMFORT')) {
        intents.push({
          rule: 'SUPPORT_LOW_COMFORT',
          audience: { kind: 'team', teamId, leadersOnly: true, except: memberId },
          subject: about(reflectionId),
          scheduledAt: plus(at, ruleDelayMs(state, 'SUPPORT_LOW_COMFORT')),
          facts: { journeyTitle: journey.title, reflectionId, memberId, ...memberNameOf(state, memberId), comfort },
        });
      }
      return intents;
    }
    case 'SupportRequested': {
      const { requestId, memberId, at } = event.data;
      return [supportWaiting(state, journey, requestId, { memberId, requestedAt: at }, { kind: 'team', teamId, leadersOnly: true, except: memberId })];
    }
    case 'VisionRevised': {
      const { version, revisedBy, at } = event.data;
      return [
        {
          rule: 'VISION_REVISED',
          audience: { kind: 'team', teamId, leadersOnly: false, except: revisedBy },
          subject: about(`vision-${version}`),
          scheduledAt: plus(at, ruleDelayMs(state, 'VISION_REVISED')),
          facts: { journeyTitle: journey.title, visionVersion: version, revisedBy },
        },
      ];
    }
    case 'CommitmentMade':
      return commitmentIntents(state, journey, event);
    default:
      return [];
  }
};

/** A team writable again: a stalled check for each of its active journeys, from the new quiet stretch (evolve started it). */
const reactivationIntents = (state: PolicyState, teamId: string): NudgeIntent[] =>
  (own(state.teams, teamId)?.journeyIds ?? [])
    .map((journeyId) => own(state.journeys, journeyId))
    .filter((journey): journey is JourneyDocument => journey?.status === 'ACTIVE')
    .map((journey) => stalled(state, journey));

/**
 * A member who becomes a LEADER of a team (joining as one, or made one) takes over what its leaders
 * are still owed about its active and paused journeys: each support request still open and each
 * active journey's quiet stretch
 * (stalled journey), addressed to them alone, due when it was due for the others or at once when
 * that has passed. Otherwise a request made under a leader who then stepped down waits unheeded.
 */
const inheritedLeaderIntents = (state: PolicyState, teamId: string, leaderId: string): NudgeIntent[] =>
  (own(state.teams, teamId)?.journeyIds ?? [])
    .map((journeyId) => own(state.journeys, journeyId))
    .filter((journey): journey is JourneyDocument => journey?.status === 'ACTIVE' || journey?.status === 'PAUSED')
    .flatMap((journey) => {
      const audience = { kind: 'member' as const, memberId: leaderId };
      const waiting = Object.entries(journey.openSupport)
        .filter(([, request]) => request.memberId !== leaderId)
        .map(([requestId, request]) => supportWaiting(state, journey, requestId, request, audience));
      // A paused journey has no quiet stretch: it begins again when the journey resumes.
      return journey.status === 'ACTIVE' ? [...waiting, { ...stalled(state, journey), audience }] : waiting;
    });

/** Not due before `recordedAt`: what an event makes owed is known only once it is recorded. */
const notBefore = (intent: NudgeIntent, recordedAt: Date): NudgeIntent =>
  intent.scheduledAt.getTime() < recordedAt.getTime() ? { ...intent, scheduledAt: recordedAt } : intent;

/** The nudges `input.event` makes owed (or suppresses at once), given the state with it folded in. */
export const decidePolicy = (state: PolicyState, input: PolicyInput): PolicyDecision[] => {
  const { event } = input;
  const recordedAt = new Date(input.recordedAt);
  const leader = newLeaderOf(event);
  const intents = isJourneyEvent(event)
    ? journeyIntents(state, event)
    : makesWritable(event)
      ? reactivationIntents(state, event.data.teamId)
      : leader
        ? inheritedLeaderIntents(state, leader.teamId, leader.memberId)
        : [];
  return intents.flatMap((intent) => address(state, input.organisationId, input.position, notBefore(intent, recordedAt)));
};

/** Folds the event in, then decides: the processor's one step per event. */
export const reactToEvent = (state: PolicyState, input: PolicyInput): { readonly state: PolicyState; readonly decisions: PolicyDecision[] } => {
  const next = evolvePolicy(state, input.event);
  return { state: next, decisions: decidePolicy(next, input) };
};
