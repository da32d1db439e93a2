import { mapSchema, MapperKind } from '@graphql-tools/utils';
import { isObjectType, parse, type GraphQLFieldResolver, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery } from 'graphql-jit';
import { buildApiSchema } from './api-schema';
import { readsItsPropertyOnly, withPlainFields } from './plain-fields.schema';

type Resolve = GraphQLFieldResolver<unknown, unknown>;

/** Made the way NestJS makes its property resolver, under the name it gives it. */
const nestPropertyResolver = (property: string, defaultValue?: unknown): Resolve => {
  const rootFieldResolver = (root: Record<string, unknown>) => {
    const value = root[property];
    return typeof value === 'undefined' ? defaultValue : value;
  };
  return rootFieldResolver as unknown as Resolve;
};

const objectType = (schema: GraphQLSchema, name: string): GraphQLObjectType => {
  const type = schema.getType(name);
  if (!isObjectType(type)) throw new Error(`${name} is not an object type of the schema`);
  return type;
};

describe('the schema compiled queries run against', () => {
  let schema: GraphQLSchema;
  let plain: GraphQLSchema;

  beforeAll(async () => {
    schema = await buildApiSchema();
    plain = withPlainFields(schema);
  });

  it('tells NestJS’s plain property read apart from every other resolver', () => {
    expect(readsItsPropertyOnly(nestPropertyResolver('closerRate'), 'closerRate')).toBe(true);
    // A default value, a property of another name, a resolver of our own, no resolver at all.
    expect(readsItsPropertyOnly(nestPropertyResolver('closerRate', 0), 'closerRate')).toBe(false);
    expect(readsItsPropertyOnly(nestPropertyResolver('rate'), 'closerRate')).toBe(false);
    const rootFieldResolver = ((root: Record<string, unknown>) => root.closerRate ?? null) as unknown as Resolve;
    expect(readsItsPropertyOnly(rootFieldResolver, 'closerRate')).toBe(false);
    const ownResolver = ((root: Record<string, unknown>) => root.closerRate) as unknown as Resolve;
    expect(readsItsPropertyOnly(ownResolver, 'closerRate')).toBe(false);
    expect(readsItsPropertyOnly(undefined, 'closerRate')).toBe(false);
  });

  it('takes off the property reads of the api’s object types and keeps every resolver of its own', () => {
    let taken = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      const copied = objectType(plain, type.name).getFields();
      for (const [name, field] of Object.entries(type.getFields())) {
        const plainRead = readsItsPropertyOnly(field.resolve as Resolve | undefined, name);
        if (plainRead) taken += 1;
        expect({ field: `${type.name}.${name}`, resolve: copied[name].resolve }).toEqual({ field: `${type.name}.${name}`, resolve: plainRead ? undefined : field.resolve });
      }
    }
    expect(taken).toBeGreaterThan(100);
    expect(objectType(plain, 'AnalyticsWeekModel').getFields().direction.resolve).toBeUndefined();
    expect(objectType(plain, 'Query').getFields().teamAnalytics.resolve).toBe(objectType(schema, 'Query').getFields().teamAnalytics.resolve);
    // The schema graphql-js runs is left as it was, and the copy is made once.
    expect(objectType(schema, 'AnalyticsWeekModel').getFields().direction.resolve).toBeDefined();
    expect(withPlainFields(schema)).toBe(plain);
  });

  it('compiles to the same answer with and without the property reads', async () => {
    const week = { week: '2026-11-02', start: new Date('2026-11-01T23:00:00.000Z'), stepsTaken: 2, direction: { yes: 1, no: 1, unsure: 0, closerRate: 0.5, comfortMean: 3.5 } };
    const analytics = { from: new Date('2026-10-26T00:00:00.000Z'), to: new Date('2026-11-09T00:00:00.000Z'), timezone: 'Europe/Paris', weeks: [week, { ...week, stepsTaken: 0 }] };
    // The api's schema with `teamAnalytics` answering the analytics above (its own resolver needs a caller).
    const answering = mapSchema(schema, {
      [MapperKind.OBJECT_FIELD]: (field, name, typeName) => (typeName === 'Query' && name === 'teamAnalytics' ? { ...field, resolve: () => analytics } : field),
    });
    const document = parse('{ teamAnalytics(teamId: "t") { from to timezone weeks { week start stepsTaken direction { yes no unsure closerRate comfortMean } } } }');
    const answers = await Promise.all(
      [answering, withPlainFields(answering)].map(async (target) => {
        const compiled = compileQuery(target, document);
        if (!isCompiledQuery(compiled)) throw new Error(JSON.stringify(compiled.errors));
        return JSON.stringify(await compiled.query(undefined, {}, {}));
      }),
    );
    expect(answers[1]).toBe(answers[0]);
    expect(JSON.parse(answers[1])).toEqual({
      data: {
        teamAnalytics: {
          from: '2026-10-26T00:00:00.000Z',
          to: '2026-11-09T00:00:00.000Z',
          timezone: 'Europe/Paris',
          weeks: [
            { week: '2026-11-02', start: '2026-11-01T23:00:00.000Z', stepsTaken: 2, direction: { yes: 1, no: 1, unsure: 0, closerRate: 0.5, comfortMean: 3.5 } },
            { week: '2026-11-02', start: '2026-11-01T23:00:00.000Z', stepsTaken: 0, direction: { yes: 1, no: 1, unsure: 0, closerRate: 0.5, comfortMean: 3.5 } },
          ],
        },
      },
    });
  });
});
