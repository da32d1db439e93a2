/**
 * The schema the compiled executor runs against: the api's own, with the resolver NestJS gives every
 * field of an object type taken off where all it does is read the source object's property of the
 * field's name. graphql-jit reads a field that has no resolver inline, in the code it compiles; a
 * field with one gets a resolver call, a `GraphQLResolveInfo` made for it and a check of whether it
 * answered a promise. An analytics answer has some two hundred such fields (a week's direction alone
 * is seven per week), and making and dropping their resolve infos was most of the compiled answer's
 * garbage (docs/benchmarks.md).
 *
 * A resolver is taken off only when it is NestJS's plain property read, as probed: NestJS's
 * `rootFieldResolver`, answering the value under the field's own name and nothing for a source
 * without it (a field with a default value, with field middleware, or reading a property of another
 * name keeps its resolver). Query, mutation and field resolvers of our own are untouched, and so is
 * the schema graphql-js runs: this is a copy.
 */
import { mapSchema, MapperKind } from '@graphql-tools/utils';
import type { GraphQLFieldConfig, GraphQLFieldResolver, GraphQLSchema } from 'graphql';

/** NestJS's name for the resolver it puts on every field (`ObjectTypeDefinitionFactory.createFieldResolver`). */
const NEST_PROPERTY_RESOLVER = 'rootFieldResolver';

const PROBE = Object.freeze({ probe: 'plain-fields' });

type Resolve = GraphQLFieldResolver<unknown, unknown>;

/** Whether `resolve` reads exactly `source[fieldName]`, as the compiled code reads a field without one. */
export const readsItsPropertyOnly = (resolve: Resolve | undefined, fieldName: string): boolean => {
  if (!resolve || resolve.name !== NEST_PROPERTY_RESOLVER) return false;
  const call = resolve as unknown as (source: Record<string, unknown>) => unknown;
  return call({ [fieldName]: PROBE }) === PROBE && call({}) === undefined;
};

const plainField = (field: GraphQLFieldConfig<unknown, unknown>, fieldName: string): GraphQLFieldConfig<unknown, unknown> =>
  readsItsPropertyOnly(field.resolve, fieldName) ? { ...field, resolve: undefined } : field;

const copies = new WeakMap<GraphQLSchema, GraphQLSchema>();

/** The copy of `schema` whose plain property fields have no resolver (made once per schema). */
export const withPlainFields = (schema: GraphQLSchema): GraphQLSchema => {
  let copy = copies.get(schema);
  if (!copy) {
    copy = mapSchema(schema, { [MapperKind.OBJECT_FIELD]: plainField });
    copies.set(schema, copy);
  }
  return copy;
};
