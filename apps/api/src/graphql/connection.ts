import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, ValidationError, type Page, type PageRequest } from '@stepwise/kernel';

@ObjectType({ description: 'Where a page sits in its list (Relay cursor connections). Lists page forward only, with `first` and `after`.' })
export class PageInfo {
  @Field({ description: 'True when more items follow this page: ask again with `after: endCursor`.' })
  hasNextPage!: boolean;

  @Field({
    description:
      'True when this page was asked for with `after`, so items precede it. Lists page forward only, so this is ' +
      'false on the first page and says nothing about items added since.',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'The cursor of the first edge of this page; null when the page is empty.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'The cursor of the last edge of this page, to pass as `after` for the next page; null when the page is empty.' })
  endCursor!: string | null;
}

export interface ConnectionShape<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
}

/** A Relay-style connection type for a node type: `edges { node cursor }` and `pageInfo`. */
export const Connection = <T>(node: Type<T>, name: string): Type<ConnectionShape<T>> => {
  @ObjectType(`${name}Edge`, { description: `One ${name} in a list, with the cursor that marks its place.` })
  class Edge {
    @Field(() => node, { description: `The ${name}.` })
    node!: T;

    @Field({ description: `An opaque cursor: pass it as \`after\` to continue the list after this ${name}. Valid for the same list only: the same query of the same journey, team or member.` })
    cursor!: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items (Relay cursor connection).` })
  class ConnectionType {
    @Field(() => [Edge], { description: 'The items of this page, in the list’s order; empty past the end.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Whether more items follow, and the cursors to continue from.' })
    pageInfo!: PageInfo;
  }
  return ConnectionType as Type<ConnectionShape<T>>;
};

/** The forward-pagination arguments every connection field takes. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `How many items to return, 1 to ${MAX_PAGE_SIZE}; anything else fails with VALIDATION_FAILED.` })
  first!: number;

  @Field(() => String, { nullable: true, description: 'Continue after this cursor (the previous page’s `endCursor`, or any edge’s `cursor`); omit for the first page. A string that is not a cursor of this list (one of another journey’s, team’s or member’s list included) fails with VALIDATION_FAILED (NOT_A_CURSOR).' })
  after?: string | null;
}

export const toPageRequest = (args: PageArgs): PageRequest => {
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE_SIZE) {
    throw new ValidationError(`first must be between 1 and ${MAX_PAGE_SIZE}`, { field: 'first', reason: 'OUT_OF_RANGE' });
  }
  // An empty string is not "no cursor" (omit `after` for the first page): the list refuses it like any other non-cursor.
  return { first: args.first, ...(args.after !== undefined && args.after !== null && { after: args.after }) };
};

/**
 * A read model's page as a connection. `request` is the page that was asked for: lists page forward
 * only, so items precede a page exactly when it was asked for after a cursor.
 */
export const toConnection = <From, To>(page: Page<From>, request: PageRequest, map: (node: From) => To): ConnectionShape<To> => ({
  edges: page.items.map((item) => ({ node: map(item.node), cursor: item.cursor })),
  pageInfo: {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: request.after !== undefined,
    startCursor: page.items[0]?.cursor ?? null,
    endCursor: page.endCursor,
  },
});
