/**
 * Journey commands. Every command carries `now` and any new ids (the application layer generates
 * them), so the decider never reads a clock or a random source.
 */
export type TeamRole = 'LEADER' | 'STAFF';
export type OrgRole = 'ADMIN' | 'MEMBER';
export type CloserAnswer = 'YES' | 'NO' | 'UNSURE';
export const CLOSER_ANSWERS: readonly CloserAnswer[] = ['YES', 'NO', 'UNSURE'];

/**
 * The journey cannot see team membership or billing, so the application layer builds the actor
 * from the team's state: the member's role on the journey's team (null when not on the team) and
 * whether the team's subscription lets it take writes (`isWritable` of the team aggregate).
 * `orgRole` is informational: an org ADMIN leads a journey only by being a LEADER on the team.
 * `formerMemberIds` are the ids the same person (sign-in subject) had before they were removed from
 * the organisation and added again (ids are never reused): what they own or answered under those
 * is theirs.
 */
export interface JourneyActor {
  readonly memberId: string;
  readonly formerMemberIds: readonly string[];
  readonly teamRole: TeamRole | null;
  readonly orgRole: OrgRole;
  readonly teamWritable: boolean;
  /** The journey's team and its subscription's status (null: none): what a refused write names. */
  readonly teamSubscription?: { readonly teamId: string; readonly status: string | null };
  /**
   * The member a step or commitment is made for, named in `field`, when they are not on the team:
   * refused once the actor may make it for someone at all (TEAM_MEMBER_NOT_FOUND).
   */
  readonly targetNotOnTeam?: { readonly field: string; readonly memberId: string };
}

export interface JourneyCommandMetadata {
  readonly now: Date;
  readonly actor: JourneyActor;
}

type Command<Type extends string, Data> = {
  readonly type: Type;
  readonly data: { readonly journeyId: string } & Data;
  readonly metadata: JourneyCommandMetadata;
};

export interface VisionInput {
  readonly statement: string;
  readonly expectations: readonly string[];
  readonly successSignals: readonly string[];
}

export type StartJourney = Command<'StartJourney', { readonly teamId: string; readonly title: string }>;
export type ArticulateVision = Command<'ArticulateVision', VisionInput>;
export type ReviseVision = Command<'ReviseVision', VisionInput & { readonly reason: string }>;
export type SetDirection = Command<'SetDirection', { readonly direction: string }>;
export type MakePivot = Command<
  'MakePivot',
  { readonly pivotId: string; readonly toDirection: string; readonly reason: string; readonly reflectionIds?: readonly string[] }
>;

/** `ownerId` defaults to the actor; only a LEADER plans a step for someone else. `dueOn` is YYYY-MM-DD. */
export type PlanStep = Command<
  'PlanStep',
  { readonly stepId: string; readonly title: string; readonly ownerId?: string; readonly dueOn?: string | null }
>;
/** `takenAt` (ISO timestamp, not after `now`) records a step taken earlier; it defaults to `now`. */
export type TakeStep = Command<'TakeStep', { readonly stepId: string; readonly takenAt?: string }>;
export type DropStep = Command<'DropStep', { readonly stepId: string; readonly reason: string }>;
export type RecordReflection = Command<
  'RecordReflection',
  {
    readonly reflectionId: string;
    readonly closer: CloserAnswer;
    readonly comfort: number;
    readonly note?: string | null;
    readonly stepId?: string | null;
  }
>;

export type RequestSupport = Command<'RequestSupport', { readonly requestId: string; readonly need: string }>;
export type OfferSupport = Command<'OfferSupport', { readonly requestId: string; readonly message: string }>;

/** `memberId` defaults to the actor; only a LEADER makes a commitment on someone's behalf. */
export type MakeCommitment = Command<
  'MakeCommitment',
  { readonly commitmentId: string; readonly memberId?: string; readonly description: string; readonly dueOn: string }
>;
export type KeepCommitment = Command<'KeepCommitment', { readonly commitmentId: string }>;
export type MissCommitment = Command<'MissCommitment', { readonly commitmentId: string }>;

export type PauseJourney = Command<'PauseJourney', { readonly reason: string }>;
export type ResumeJourney = Command<'ResumeJourney', Record<never, never>>;
export type CompleteJourney = Command<'CompleteJourney', { readonly summary?: string | null }>;
export type AbandonJourney = Command<'AbandonJourney', { readonly reason: string }>;

export type JourneyLifecycleCommand = StartJourney | PauseJourney | ResumeJourney | CompleteJourney | AbandonJourney;
export type JourneyVisionCommand = ArticulateVision | ReviseVision | SetDirection | MakePivot;
export type JourneyStepCommand = PlanStep | TakeStep | DropStep | RecordReflection;
export type JourneySupportCommand = RequestSupport | OfferSupport | MakeCommitment | KeepCommitment | MissCommitment;

export type JourneyCommand = JourneyLifecycleCommand | JourneyVisionCommand | JourneyStepCommand | JourneySupportCommand;
export type JourneyCommandType = JourneyCommand['type'];
