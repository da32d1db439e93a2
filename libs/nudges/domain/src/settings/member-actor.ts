/**
 * Who acts on the nudge context's aggregates: a member of the organisation with the role the
 * organisation stream gives them on the same attempt (never the request's own claim).
 */
export interface MemberActor {
  readonly memberId: string;
  readonly orgRole: 'ADMIN' | 'MEMBER';
}

export interface NudgesCommandMetadata<Actor = MemberActor> {
  readonly now: Date;
  readonly actor: Actor;
}
