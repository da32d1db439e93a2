import { Inject, Injectable } from '@nestjs/common';
import { canSeeTeamJourneys, type JourneyViewer, type ViewerAsPerson } from '@stepwise/journeys-application/read';
import { NotFoundError } from '@stepwise/kernel';
import { TENANCY_READ_MODEL, type TenancyReadModel } from '@stepwise/tenancy-application/read';
import type { Caller } from '../auth/caller';

/** As the write side names it: the journey id that was asked for, in `details.journeyId`, and the input that held it (`journeyId`, or `id`). */
export class JourneyNotFoundError extends NotFoundError {
  constructor(journeyId?: string, field = 'journeyId') {
    super('JOURNEY_NOT_FOUND', 'No such journey', journeyId === undefined ? undefined : { field, journeyId });
  }
}

/**
 * The caller as a viewer of a team's journeys, by the application's access policy. Whoever the
 * policy hides a journey from is answered NOT_FOUND, the same answer another tenant's id gets.
 */
@Injectable()
export class JourneyViewerResolver {
  constructor(@Inject(TENANCY_READ_MODEL) private readonly tenancy: TenancyReadModel) {}

  /**
   * The viewer of a team whose role and person were read with what they asked for (see
   * JourneysReadModel's journeyAsSeenBy and teamJourneysAsSeenBy); `notFound` when the policy hides
   * the team from them.
   */
  withRole(
    caller: Caller,
    seen: ViewerAsPerson & { readonly viewerTeamRole: 'LEADER' | 'STAFF' | null; readonly journey?: { readonly journeyId: string } },
    notFound: () => Error = () => new JourneyNotFoundError(seen.journey?.journeyId),
  ): JourneyViewer {
    const viewer: JourneyViewer = { memberId: caller.memberId, formerMemberIds: seen.viewerFormerMemberIds, orgRole: caller.orgRole, teamRole: seen.viewerTeamRole };
    if (!canSeeTeamJourneys(viewer)) throw notFound();
    return viewer;
  }

  /** The viewer of a team, their person read with what they asked for (see JourneysReadModel's memberJourneys). */
  async forTeam(caller: Caller, teamId: string, person: ViewerAsPerson, notFound: () => Error = () => new JourneyNotFoundError()): Promise<JourneyViewer> {
    const team = await this.tenancy.team(caller.organisationId, teamId, caller.memberId);
    if (!team) throw notFound();
    return this.withRole(caller, { ...person, viewerTeamRole: team.myRole }, notFound);
  }
}
