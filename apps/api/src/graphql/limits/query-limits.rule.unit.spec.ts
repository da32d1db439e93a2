import { buildSchema, parse, validate } from 'graphql';
import { queryLimitsRule } from './query-limits.rule';

// A schema with a cycle, so depth is only bounded by the rule.
const schema = buildSchema(`
  type Query { me: Person, people(first: Int): [Person] }
  type Person { name: String, friend: Person, friends(first: Int): [Person] }
`);

const codes = (query: string, limits = { maxDepth: 4, maxAliases: 2, maxCost: 50 }) =>
  validate(schema, parse(query), [queryLimitsRule(limits)]).map((error) => error.extensions.code);

const nested = (depth: number): string => `{ me { ${'friend { '.repeat(depth - 2)}name${' }'.repeat(depth - 2)} } }`;

describe('query limits rule', () => {
  it('refuses a query deeper than the limit, and serves one at it', () => {
    expect(codes(nested(4))).toEqual([]);
    expect(codes(nested(5))).toEqual(['QUERY_TOO_DEEP']);
  });

  it('follows fragments when measuring depth, and survives fragment cycles', () => {
    const query = `{ me { ...F } } fragment F on Person { friend { friend { friend { name } } } }`;
    expect(codes(query)).toEqual(['QUERY_TOO_DEEP']);
    const cyclic = `{ me { ...A } } fragment A on Person { friend { ...B } } fragment B on Person { ...A }`;
    expect(() => validate(schema, parse(cyclic), [queryLimitsRule({ maxDepth: 4, maxAliases: 2, maxCost: 50 })])).not.toThrow();
  });

  it('counts aliases, __typename included', () => {
    expect(codes('{ a: __typename b: __typename }')).toEqual([]);
    expect(codes('{ a: __typename b: __typename c: __typename }')).toEqual(['TOO_MANY_ALIASES']);
  });

  it('multiplies the cost of fields by the page sizes around them', () => {
    expect(codes('{ people(first: 10) { name friend { name } } }')).toEqual([]); // 1 + 10 × 3 = 31
    expect(codes('{ people(first: 10) { friends(first: 10) { name } } }')).toEqual(['QUERY_TOO_COSTLY']); // 1 + 10 + 100
  });

  it('does not walk into introspection, which is bounded by the schema', () => {
    const deep = '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { name } } } } } } } } }';
    expect(codes(deep)).toEqual([]);
  });
});
