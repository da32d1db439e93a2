import type { Request } from 'express';
import type { OrganisationMembership } from '@stepwise/tenancy-application/read';
import type { Identity } from './identity';

/** A verified identity acting inside one organisation, with the role Stepwise's records give it. */
export interface Caller extends OrganisationMembership {
  readonly identity: Identity;
}

/** The GraphQL context: the request, and what the guard established about its caller. */
export interface GraphqlContext {
  readonly req: Request;
  identity?: Identity;
  caller?: Caller;
}

export const ORGANISATION_HEADER = 'x-organisation-id';
