import { buildSchema, Kind, parse, validate, type OperationDefinitionNode } from 'graphql';
import { costRefusal } from './query-cost';
import { queryLimitsRule } from './query-limits.rule';

// A schema with a cycle, so depth is only bounded by the rule.
const schema = buildSchema(`
  type Query { me: Person, people(first: Int): [Person] }
  type Person { name: String, friend: Person, friends(first: Int): [Person], pals: [Person!]!, nicknames: [String] }
`);

/** What the api answers: validation's refusals, then (a valid document) the cost of its operation with these variables. */
const codes = (query: string, limits = { maxDepth: 4, maxAliases: 2, maxCost: 50 }, variables?: Record<string, unknown>) => {
  const document = parse(query);
  const refused = validate(schema, document, [queryLimitsRule(limits)]).map((error) => error.extensions.code);
  if (refused.length > 0) return refused;
  const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  const costly = costRefusal(limits, { schema, document, operation, variables });
  return costly ? [costly.extensions.code] : [];
};

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
    expect(() => codes(cyclic)).not.toThrow();
  });

  it('counts aliases, __typename included', () => {
    expect(codes('{ a: __typename b: __typename }')).toEqual([]);
    expect(codes('{ a: __typename b: __typename c: __typename }')).toEqual(['TOO_MANY_ALIASES']);
  });

  it('multiplies the cost of fields by the page sizes around them', () => {
    expect(codes('{ people(first: 10) { name friend { name } } }')).toEqual([]); // 1 + 10 × 3 = 31
    expect(codes('{ people(first: 10) { friends(first: 10) { name } } }')).toEqual(['QUERY_TOO_COSTLY']); // 1 + 10 + 100
  });

  it('costs a page given as a variable at the value sent, or the operation’s default for it', () => {
    const friends = 'query($n: Int) { people(first: 10) { friends(first: $n) { name } } }';
    expect(codes(friends, undefined, { n: 3 })).toEqual([]); // 1 + 10 × (1 + 3) = 41
    expect(codes(friends, undefined, { n: 4 })).toEqual(['QUERY_TOO_COSTLY']); // 1 + 10 × (1 + 4) = 51
    expect(codes('query($n: Int = 3) { people(first: 10) { friends(first: $n) { name } } }')).toEqual([]);
    expect(codes('query($n: Int = 3) { people(first: 10) { friends(first: $n) { name } } }', undefined, { n: 4 })).toEqual(['QUERY_TOO_COSTLY']);
  });

  it('measures one parsed document again for each request whose variables give its page sizes', () => {
    const document = parse('query($n: Int) { people(first: 10) { friends(first: $n) { name } } }');
    const operation = document.definitions[0] as OperationDefinitionNode;
    const limits = { maxDepth: 4, maxAliases: 2, maxCost: 50 };
    expect(costRefusal(limits, { schema, document, operation, variables: { n: 3 } })).toBeNull();
    expect(costRefusal(limits, { schema, document, operation, variables: { n: 4 } })?.extensions.code).toBe('QUERY_TOO_COSTLY');
    expect(costRefusal(limits, { schema, document, operation, variables: { n: 3 } })).toBeNull();
  });

  it('costs a page whose variable is not a whole number at the largest page (execution refuses the value anyway)', () => {
    const people = 'query($n: Int) { people(first: $n) { name } }';
    expect(codes(people, { maxDepth: 4, maxAliases: 2, maxCost: 101 }, { n: 'ten' })).toEqual([]); // 1 + 100 × 1
    expect(codes(people, { maxDepth: 4, maxAliases: 2, maxCost: 100 }, { n: 'ten' })).toEqual(['QUERY_TOO_COSTLY']);
  });

  it('costs a page left out at the argument’s default page', () => {
    const withDefault = buildSchema('type Query { people(first: Int = 20): [Person] } type Person { name: String }');
    const document = parse('{ people { name } }');
    const operation = document.definitions[0] as OperationDefinitionNode;
    expect(costRefusal({ maxDepth: 4, maxAliases: 2, maxCost: 21 }, { schema: withDefault, document, operation })).toBeNull(); // 1 + 20 × 1
    expect(costRefusal({ maxDepth: 4, maxAliases: 2, maxCost: 20 }, { schema: withDefault, document, operation })?.extensions.code).toBe('QUERY_TOO_COSTLY');
  });

  it('costs a list answered whole (no first) at 20 items, and a list of scalars as one field', () => {
    expect(codes('{ me { nicknames pals { name nicknames } } }', { maxDepth: 4, maxAliases: 2, maxCost: 43 })).toEqual([]); // 1 + 1 + 1 + 20 × 2
    expect(codes('{ me { nicknames pals { name nicknames } } }', { maxDepth: 4, maxAliases: 2, maxCost: 42 })).toEqual(['QUERY_TOO_COSTLY']);
    expect(codes('{ me { ... on Person { pals { ...P } } } } fragment P on Person { pals { name } }', { maxDepth: 5, maxAliases: 2, maxCost: 421 })).toEqual(['QUERY_TOO_COSTLY']); // 1 + 1 + 20 × (1 + 20)
  });

  it('does not walk into introspection, which is bounded by the schema', () => {
    const deep = '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { name } } } } } } } } }';
    expect(codes(deep)).toEqual([]);
  });

  it('refuses aliases inside introspection, through fragments too: they ask for the schema many times over', () => {
    const limits = { maxDepth: 4, maxAliases: 30, maxCost: 50 };
    expect(codes('{ __schema { a: types { name } b: types { name } } }', limits)).toEqual(['TOO_MANY_ALIASES']);
    expect(codes('{ __type(name: "Person") { fields { x: name } } }', limits)).toEqual(['TOO_MANY_ALIASES']);
    const spread = '{ ...Q } fragment Q on Query { __schema { types { ...T } } } fragment T on __Type { f0: fields { name } f1: fields { name } }';
    expect(codes(spread, limits)).toEqual(['TOO_MANY_ALIASES']);
    // Without aliases a list asked for twice is one list (fields of one name merge), and the schema is answered once.
    expect(codes('{ __schema { types { name } types { fields { name } } } }', limits)).toEqual([]);
    // An alias on __schema itself counts as any alias does, toward the limit.
    expect(codes('{ s: __schema { types { name } } }', limits)).toEqual([]);
  });
});

describe('query limits rule, on fragments that spread each other', () => {
  // n fragments, each spreading the next twice: 2ⁿ expansions of the last one from a short document.
  const doubling = (levels: number, leaf: string) =>
    `{ ...F0 } ${Array.from({ length: levels }, (_, index) => `fragment F${index} on Query { ...F${index + 1} ...F${index + 1} }`).join(' ')} fragment F${levels} on Query { ${leaf} }`;

  // 2²⁰⁰ expansions: a rule that measured a fragment each time it is spread would not finish before
  // jest's timeout; one that measures each once answers at once (no clock is read: a timed bound
  // failed once on a busy machine).
  it('measures each fragment once, however often it is spread', () => {
    expect(codes(doubling(200, '__typename'))).toEqual([]);
    expect(codes(doubling(200, 'me { name }'))).toEqual(['QUERY_TOO_COSTLY']);
    expect(codes(doubling(200, 'a: __typename'))).toEqual(['TOO_MANY_ALIASES']);
  });

  it('still counts what a repeated fragment adds, and the lists around its spreads', () => {
    expect(codes('{ ...F ...F } fragment F on Query { a: __typename }')).toEqual([]);
    expect(codes('{ ...F ...F ...F } fragment F on Query { a: __typename }')).toEqual(['TOO_MANY_ALIASES']);
    expect(codes('{ people(first: 10) { ...P } me { ...P } } fragment P on Person { friends(first: 3) { name } }')).toEqual([]); // 1 + 10 × 4 + 1 + 4 = 46
    expect(codes('{ people(first: 10) { ...P } me { ...P } } fragment P on Person { friends(first: 4) { name } }')).toEqual(['QUERY_TOO_COSTLY']); // 1 + 10 × 5 + 1 + 5 = 57
    expect(codes('{ me { ...P } } fragment P on Person { friend { ...Q } } fragment Q on Person { friend { friend { name } } }')).toEqual(['QUERY_TOO_DEEP']);
  });
});
