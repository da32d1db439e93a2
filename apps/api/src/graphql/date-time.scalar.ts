/**
 * The DateTime scalar the api reads and writes. The framework's own reads its input with `new Date`,
 * which takes 30 February as 2 March, "2026" or "March 1" as whatever the platform guesses, a
 * timestamp without a timezone in the server's own, a number or a boolean as milliseconds, and an
 * inline literal that is not a string as no value at all. This one takes only an ISO 8601 timestamp
 * with a timezone that names a real instant; anything else becomes an invalid Date, which every
 * field reading one refuses as VALIDATION_FAILED naming that field.
 */
import { parseIsoDateTime } from '@stepwise/kernel';
import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const parsed = (value: unknown): Date => parseIsoDateTime(value) ?? new Date(Number.NaN);

export const DateTimeScalar = new GraphQLScalarType<Date, string | null>({
  name: 'DateTime',
  description:
    'An ISO 8601 date-time with a timezone (Z or ±HH:MM), such as 2019-12-03T09:54:33Z; answered at UTC. ' +
    'Text that names no real instant (30 February, 24:00, no timezone) fails with VALIDATION_FAILED on its field.',
  parseValue: parsed,
  parseLiteral: (ast: ValueNode) => parsed(ast.kind === Kind.STRING ? ast.value : undefined),
  serialize: (value) => (value instanceof Date ? value.toISOString() : null),
});

/** How the schema builder maps TypeScript's Date to GraphQL: to the scalar above, in the api and in the printed schema alike. */
export const dateTimeScalarsMap = [{ type: Date, scalar: DateTimeScalar }];
