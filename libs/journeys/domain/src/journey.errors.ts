/**
 * Every rule a journey command can break, each with a stable code. Where one input field is at
 * fault, `details.field` names it, as a validation error does.
 */
import { CodedError, NotFoundError } from '@stepwise/kernel';

export class SubscriptionInactiveError extends CodedError {
  /** `details`: the journey's team and where its subscription stands, as the team's own refusals give them. */
  constructor(details?: { readonly teamId: string; readonly status: string | null }) {
    super('SUBSCRIPTION_INACTIVE', "The team's subscription is not active; its journeys are read-only", details);
  }
}

export class NotAParticipantError extends CodedError {
  constructor(memberId: string) {
    super('NOT_A_PARTICIPANT', "Only members of the journey's team take part in it", { memberId });
  }
}

export class LeaderRequiredError extends CodedError {
  constructor(action: string) {
    super('LEADER_REQUIRED', `Only a team LEADER may ${action}`, { action });
  }
}

/** A step's owner or a commitment's member who is not on the journey's team; `field` names the input. */
export class TargetNotOnTeamError extends NotFoundError {
  constructor(memberId: string, field: string) {
    super('TEAM_MEMBER_NOT_FOUND', 'This member is not on the team', { field, memberId });
  }
}

/** `field`: the input that named the journey (`journeyId`, or `id` for `journey(id:)`). */
export class JourneyNotFoundError extends NotFoundError {
  constructor(journeyId: string, field = 'journeyId') {
    super('JOURNEY_NOT_FOUND', 'No such journey', { field, journeyId });
  }
}

export class JourneyAlreadyStartedError extends CodedError {
  constructor(journeyId: string) {
    super('JOURNEY_ALREADY_STARTED', 'This journey has already started', { journeyId });
  }
}

export class JourneyClosedError extends CodedError {
  constructor(journeyId: string, status: string) {
    super('JOURNEY_CLOSED', 'This journey is completed or abandoned and takes nothing further', { journeyId, status });
  }
}

export class JourneyPausedError extends CodedError {
  constructor(journeyId: string) {
    super('JOURNEY_PAUSED', 'This journey is paused; resume it first', { journeyId });
  }
}

export class JourneyNotPausedError extends CodedError {
  constructor(journeyId: string) {
    super('JOURNEY_NOT_PAUSED', 'This journey is not paused', { journeyId });
  }
}

export class VisionRequiredError extends CodedError {
  constructor(journeyId: string) {
    super('VISION_REQUIRED', 'Articulate the vision first: every step moves toward it', { journeyId });
  }
}

export class VisionAlreadyArticulatedError extends CodedError {
  constructor(journeyId: string) {
    super('VISION_ALREADY_ARTICULATED', 'The vision is already articulated; revise it instead', { journeyId });
  }
}

export class VisionUnchangedError extends CodedError {
  constructor(journeyId: string, version: number) {
    super('VISION_UNCHANGED', 'The revision is the same as the current vision', { field: 'statement', journeyId, version });
  }
}

export class DirectionRequiredError extends CodedError {
  constructor(journeyId: string) {
    super('DIRECTION_REQUIRED', 'Set a direction before pivoting away from it', { journeyId });
  }
}

export class DirectionAlreadySetError extends CodedError {
  constructor(journeyId: string) {
    super('DIRECTION_ALREADY_SET', 'The journey has a direction; change it with a pivot', { journeyId });
  }
}

export class PivotSameDirectionError extends CodedError {
  constructor(direction: string) {
    super('PIVOT_SAME_DIRECTION', 'A pivot must name a direction different from the current one', { field: 'toDirection', direction });
  }
}

export class StepNotFoundError extends NotFoundError {
  constructor(stepId: string) {
    super('STEP_NOT_FOUND', 'No such step in this journey', { field: 'stepId', stepId });
  }
}

export class StepAlreadyTakenError extends CodedError {
  constructor(stepId: string) {
    super('STEP_ALREADY_TAKEN', 'This step has already been taken', { field: 'stepId', stepId });
  }
}

export class StepDroppedError extends CodedError {
  constructor(stepId: string) {
    super('STEP_DROPPED', 'This step was dropped', { field: 'stepId', stepId });
  }
}

export class StepNotTakenError extends CodedError {
  constructor(stepId: string) {
    super('STEP_NOT_TAKEN', 'Reflect on a step after taking it', { field: 'stepId', stepId });
  }
}

export class StepAlreadyReflectedError extends CodedError {
  constructor(stepId: string, memberId: string) {
    super('STEP_ALREADY_REFLECTED', 'You have already reflected on this step', { field: 'stepId', stepId, memberId });
  }
}

export class ReflectionNotFoundError extends NotFoundError {
  constructor(reflectionIds: readonly string[]) {
    super('REFLECTION_NOT_FOUND', 'These reflections are not in this journey', { field: 'reflectionIds', reflectionIds });
  }
}

/** A pivot turns away from "not closer": a reflection that answered YES did not prompt it. */
export class ReflectionSaidCloserError extends CodedError {
  constructor(reflectionIds: readonly string[]) {
    super('REFLECTION_SAID_CLOSER', 'These reflections answered "closer"; a pivot cites the ones that did not', { field: 'reflectionIds', reflectionIds });
  }
}

/** A pivot turns away from the current direction: only reflections recorded since it was set prompted it. */
export class ReflectionOnEarlierDirectionError extends CodedError {
  constructor(reflectionIds: readonly string[]) {
    super('REFLECTION_ON_EARLIER_DIRECTION', 'These reflections were recorded before the current direction was set, so they did not prompt turning away from it', {
      field: 'reflectionIds',
      reflectionIds,
    });
  }
}

export class SupportRequestNotFoundError extends NotFoundError {
  constructor(requestId: string) {
    super('SUPPORT_REQUEST_NOT_FOUND', 'No such support request in this journey', { field: 'requestId', requestId });
  }
}

/** Support comes from someone else: a leader's own request waits for another leader. */
export class OwnSupportRequestError extends CodedError {
  constructor(requestId: string) {
    super('OWN_SUPPORT_REQUEST', 'You asked for this support; another leader answers it', { field: 'requestId', requestId });
  }
}

export class CommitmentNotFoundError extends NotFoundError {
  constructor(commitmentId: string) {
    super('COMMITMENT_NOT_FOUND', 'No such commitment in this journey', { field: 'commitmentId', commitmentId });
  }
}

export class CommitmentAlreadyResolvedError extends CodedError {
  constructor(commitmentId: string, status: string) {
    super('COMMITMENT_ALREADY_RESOLVED', 'This commitment is already marked kept or missed', { field: 'commitmentId', commitmentId, status });
  }
}

/** A new step, reflection, pivot, support request or commitment reused an id already in the journey. */
export class DuplicateIdError extends CodedError {
  constructor(field: string, id: string) {
    super('DUPLICATE_ID', `${field} is already used in this journey`, { field, id });
  }
}
