import type { Type } from '@nestjs/common';
import { Field, ID, InterfaceType } from '@nestjs/graphql';

const NODE_TYPE = Symbol('stepwise.node-type');

/** A value the `node` query found, tagged with the object type it is (read models answer plain objects). */
export type FoundNode = object & { readonly [NODE_TYPE]: Type<unknown> };

export const asNode = <T extends object>(type: Type<T>, value: T): FoundNode => Object.assign(value, { [NODE_TYPE]: type });

/**
 * Relay's object identification. Ids are the same UUIDs every other field and argument uses (not
 * type-prefixed global ids): they are unique across types already, and clients holding ids from
 * before this interface keep working.
 */
@InterfaceType('Node', {
  description:
    'An object with a stable id that `node(id:)` can fetch again (Relay object identification). The id is the same UUID ' +
    'the object’s own query and mutations take; ids are unique across types.',
  resolveType: (value: FoundNode) => value[NODE_TYPE],
})
export abstract class NodeInterface {
  @Field(() => ID, { description: 'Globally unique id (a UUID); pass it to `node(id:)` to fetch the object again.' })
  id!: string;
}
