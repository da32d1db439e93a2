/**
 * The checks every use of an answer link passes, in this order, before anything is shown or written:
 * the signature (a forged or altered link is ANSWER_LINK_INVALID), single use (a used link is
 * ANSWER_LINK_USED, with its answer, even once it has expired), expiry (ANSWER_LINK_EXPIRED), and
 * the journey's own rules for the reflection: the member still on the journey's team
 * (ANSWER_LINK_MEMBER_NOT_ON_TEAM), the journey open, the team's subscription active.
 *
 * A link is used once its reflection is in the journey, whether or not its use is recorded yet
 * (another tap's reflection lands a moment before its use, or a crash fell between the two), and
 * once its member has answered what it asks another way (in Stepwise itself, or under a member id
 * they had before they were removed and added again): the nudge is answered either way.
 */
import { derivedId, loadState, type CommandContext } from '@stepwise/command-handling';
import type { EventStore } from '@stepwise/event-store';
import { JourneyNotFoundError, journeyDecider, journeyStreamId, NotAParticipantError, type JourneyReflection, type JourneyState, type StartedJourney } from '@stepwise/journeys-domain';
import { uuidFromParts, type Clock } from '@stepwise/kernel';
import {
  AnswererNotOnTeamError,
  AnswerLinkNotForTapperError,
  notificationPreferencesDecider,
  notificationPreferencesStreamId,
  AnswerLinkExpiredError,
  AnswerLinkUsedError,
  isAnswerLinkExpired,
  type AnswerLinkClaims,
} from '@stepwise/nudges-domain';
import { ForbiddenError, formerMemberIdsOf, memberById, OrganisationNotFoundError, type OrganisationState } from '@stepwise/tenancy-domain';
import { journeyActorFor, loadOrganisation } from '../commands/journey-actor';
import type { AnswerLinkUse, AnswerLinkUses, AnswerLinkVerifier, AnswerTapper } from './answer-link.ports';

export interface AnswerLinkPorts {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly verifier: AnswerLinkVerifier;
  readonly uses: AnswerLinkUses;
}

/**
 * The link's own check on the journey its reflection is decided on: refused once its member has
 * answered what it asks (another link about the same step or vision, or in Stepwise itself). Run
 * inside the command's attempt, so links tapped at the same moment cannot all pass it.
 */
export const notAnsweredYet =
  (claims: AnswerLinkClaims) =>
  (journey: JourneyState, organisation: OrganisationState): void => {
    if (journey.status === 'NOT_STARTED') return;
    const answered = reflectedSince(journey, claims, personMemberIds(organisation, claims.memberId));
    if (answered) throw answeredElsewhereError(answered);
  };

/**
 * The link's member as a person: their member id and those their sign-in subject had before they
 * were removed and added again (what they answered under those is answered). A member the
 * organisation no longer holds is refused as off the team; until then their own id stands alone.
 */
const personMemberIds = (organisation: OrganisationState, memberId: string): readonly string[] => {
  if (organisation.status !== 'CREATED') return [memberId];
  const member = memberById(organisation, memberId);
  return member ? [memberId, ...formerMemberIdsOf(organisation, member.subject)] : [memberId];
};

export const usedLinkError = (use: AnswerLinkUse | undefined): AnswerLinkUsedError =>
  new AnswerLinkUsedError(use ? { closer: use.closer, comfort: use.comfort, answeredAt: use.answeredAt.toISOString() } : null);

/** Answered another way (in Stepwise, or by another link): used, with that reflection as the answer that stands. */
const answeredElsewhereError = (reflection: JourneyReflection): AnswerLinkUsedError =>
  new AnswerLinkUsedError({ closer: reflection.closer, comfort: reflection.comfort, answeredAt: reflection.at });

/** A member who left the organisation, or the team, reads to the link as "no longer on the team". */
export const isMembershipRefusal = (error: unknown): boolean =>
  error instanceof OrganisationNotFoundError || error instanceof ForbiddenError || error instanceof NotAParticipantError || error instanceof JourneyNotFoundError;

/**
 * Whether the member has answered what the link asks another way, as the nudge policy sees it: a
 * step link once they reflected on that step; a link about the journey as a whole (a revised
 * vision to reflect on) once they reflected against the journey's current vision. `memberIds` are
 * the member's as a person (personMemberIds): an answer under any of them counts.
 */
export const reflectedSince = (journey: StartedJourney, claims: AnswerLinkClaims, memberIds: readonly string[]): JourneyReflection | undefined =>
  journey.reflections.find(
    ({ stepId, memberId, visionVersion }) =>
      memberIds.includes(memberId) && (claims.stepId !== null ? stepId === claims.stepId : journey.vision !== null && visionVersion >= journey.vision.version),
  );

/**
 * Whether the reflection would be recorded now, asked of the journey's own decider without writing:
 * the page refuses up front what the answer would be refused for (a member no longer on the team, a
 * closed journey, a read-only team, a step not taken), and the POST asks again when it records.
 */
const requireAnswerable = async ({ store, clock }: AnswerLinkPorts, claims: AnswerLinkClaims, context: CommandContext): Promise<LinkState> => {
  const { state: journey } = await loadState(store, journeyDecider, claims.tenantId, journeyStreamId(claims.journeyId));
  if (journey.status === 'NOT_STARTED') throw new JourneyNotFoundError(claims.journeyId);
  const reflectionId = derivedId(context, 'reflection');
  if (journey.reflections.has(reflectionId)) return 'REFLECTION_RECORDED';
  const organisation = await loadOrganisation(store, context);
  const answered = reflectedSince(journey, claims, personMemberIds(organisation, claims.memberId));
  if (answered) throw answeredElsewhereError(answered);
  const data = { journeyId: claims.journeyId, reflectionId, closer: 'UNSURE', comfort: 3, stepId: claims.stepId } as const;
  try {
    const actor = await journeyActorFor(store, journey, { type: 'RecordReflection', data }, context, organisation);
    journeyDecider.decide({ type: 'RecordReflection', data, metadata: { now: clock.now(), actor } }, journey);
  } catch (error) {
    if (isMembershipRefusal(error)) throw new AnswererNotOnTeamError();
    throw error;
  }
  return 'ANSWERABLE';
};

/**
 * The command id of a link's reflection, from its nonce: a double submit, a retry, or the same link
 * answered in two places at once appends one reflection (the event ids derive from it).
 */
export const answerLinkCommandId = (claims: Pick<AnswerLinkClaims, 'tenantId' | 'nonce'>): string =>
  `answer-link:${uuidFromParts('answer-link', claims.tenantId, claims.nonce)}`;

/** The context a link's reflection is recorded under: as its member, never as whoever holds the link. */
export const answerLinkContext = (claims: AnswerLinkClaims, correlationId: string): CommandContext => ({
  tenantId: claims.tenantId,
  subject: `answer-link:${claims.nudgeId}`,
  memberId: claims.memberId,
  commandId: answerLinkCommandId(claims),
  correlationId,
});

/**
 * Where a link stands once its checks pass: ANSWERABLE, or REFLECTION_RECORDED when its reflection
 * is in the journey but its use is not recorded yet (the answer is then replayed to record it).
 */
export type LinkState = 'ANSWERABLE' | 'REFLECTION_RECORDED';

/**
 * A Slack tap stands for the link's member only when Slack signed it for their Slack user id (their
 * SLACK address, where the nudge's direct message went). Checked before anything else is read, so
 * another user learns nothing of the link, not even whether or how it was answered.
 */
const requireTapper = async ({ store }: AnswerLinkPorts, claims: AnswerLinkClaims, tapper: AnswerTapper | null): Promise<void> => {
  if (tapper === null) return;
  const { state } = await loadState(store, notificationPreferencesDecider, claims.tenantId, notificationPreferencesStreamId(claims.memberId));
  const address = state.preferences.channels.find((channel) => channel.channel === 'SLACK')?.address;
  if (!tapper.slackUserId || !address || address !== tapper.slackUserId) throw new AnswerLinkNotForTapperError();
};

/** The verified claims of a link that passed the checks, and where it stands; throws the coded reason otherwise. */
export const checkAnswerLink = async (
  ports: AnswerLinkPorts,
  token: string,
  correlationId: string,
  tapper: AnswerTapper | null = null,
): Promise<{ claims: AnswerLinkClaims; state: LinkState }> => {
  const claims = ports.verifier.verify(token);
  await requireTapper(ports, claims, tapper);
  const use = await ports.uses.find(claims.tenantId, claims.nonce);
  if (use) throw usedLinkError(use);
  if (isAnswerLinkExpired(claims, ports.clock.now())) throw new AnswerLinkExpiredError(claims.expiresAt);
  return { claims, state: await requireAnswerable(ports, claims, answerLinkContext(claims, correlationId)) };
};

/** The verified claims of a link that may still be answered; throws the coded reason otherwise. */
export const openAnswerLink = async (ports: AnswerLinkPorts, token: string, correlationId: string, tapper: AnswerTapper | null = null): Promise<AnswerLinkClaims> => {
  const { claims, state } = await checkAnswerLink(ports, token, correlationId, tapper);
  if (state === 'REFLECTION_RECORDED') throw usedLinkError(await ports.uses.find(claims.tenantId, claims.nonce));
  return claims;
};
