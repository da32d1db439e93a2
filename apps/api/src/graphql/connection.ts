import { Type } from '@nestjs/common';
import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, ValidationError, type Page, type PageRequest } from '@stepwise/kernel';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface ConnectionShape<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfo;
}

/** A Relay-style connection type for a node type: `edges { node cursor }` and `pageInfo`. */
export const Connection = <T>(node: Type<T>, name: string): Type<ConnectionShape<T>> => {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => node)
    node!: T;

    @Field()
    cursor!: string;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionType as Type<ConnectionShape<T>>;
};

@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: DEFAULT_PAGE_SIZE, description: `Items per page, 1 to ${MAX_PAGE_SIZE}.` })
  first!: number;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

export const toPageRequest = (args: PageArgs): PageRequest => {
  if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_PAGE_SIZE) {
    throw new ValidationError(`first must be between 1 and ${MAX_PAGE_SIZE}`, { field: 'first' });
  }
  return { first: args.first, ...(args.after && { after: args.after }) };
};

export const toConnection = <From, To>(page: Page<From>, map: (node: From) => To): ConnectionShape<To> => ({
  edges: page.items.map((item) => ({ node: map(item.node), cursor: item.cursor })),
  pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
});
