import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError } from '@stepwise/kernel';
import { TENANCY_READ_MODEL, type TenancyReadModel } from '@stepwise/tenancy-application';
import type { Caller } from '../auth/caller';

/** Who is looking at a team's journeys, and what they may see. */
export interface JourneyViewer {
  readonly memberId: string;
  /** Leaders of the team see everyone's reflection notes. */
  readonly isLeader: boolean;
}

export class JourneyNotFoundError extends NotFoundError {
  constructor() {
    super('JOURNEY_NOT_FOUND', 'No such journey');
  }
}

/**
 * Staff see their own team's journeys; org admins see every team's. Anything else is NOT_FOUND,
 * the same answer another tenant's id gets, so ids leak nothing.
 */
@Injectable()
export class JourneyViewerResolver {
  constructor(@Inject(TENANCY_READ_MODEL) private readonly tenancy: TenancyReadModel) {}

  /** The viewer of a journey whose team role was read with it (see JourneysReadModel.journeyAsSeenBy). */
  withRole(caller: Caller, teamRole: 'LEADER' | 'STAFF' | null): JourneyViewer {
    if (!teamRole && caller.orgRole !== 'ADMIN') throw new JourneyNotFoundError();
    return { memberId: caller.memberId, isLeader: teamRole === 'LEADER' };
  }

  async forTeam(caller: Caller, teamId: string, notFound: () => Error = () => new JourneyNotFoundError()): Promise<JourneyViewer> {
    const team = await this.tenancy.team(caller.organisationId, teamId, caller.memberId);
    if (!team || (!team.myRole && caller.orgRole !== 'ADMIN')) throw notFound();
    return { memberId: caller.memberId, isLeader: team.myRole === 'LEADER' };
  }
}

export const visibleNote = (note: string | null, authorId: string | null, viewer: JourneyViewer): string | null =>
  viewer.isLeader || authorId === viewer.memberId ? note : null;
