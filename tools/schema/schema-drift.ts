import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';

/** Where the code-first schema stands against the committed SDL. */
export type SchemaDrift =
  | { readonly kind: 'current' }
  | { readonly kind: 'breaking'; readonly breaking: readonly string[] }
  | { readonly kind: 'stale'; readonly changes: readonly string[] };

export const SCHEMA_FILE = 'apps/api/schema.graphql';

const describe = (change: Change): string => `${change.path ? `${change.path}: ` : ''}${change.message}`;

/**
 * Compares the schema the code generates with the committed one. A breaking change (as graphql-inspector
 * classifies it: a field, type, argument or enum value removed, a type narrowed, an argument made required…)
 * is reported apart from every other difference, which only needs the file regenerated.
 */
export const schemaDrift = async (committedSdl: string, generatedSdl: string): Promise<SchemaDrift> => {
  if (committedSdl === generatedSdl) return { kind: 'current' };
  const changes = await diff(buildSchema(committedSdl), buildSchema(generatedSdl));
  const breaking = changes.filter((change) => change.criticality.level === CriticalityLevel.Breaking);
  if (breaking.length > 0) return { kind: 'breaking', breaking: breaking.map(describe) };
  return { kind: 'stale', changes: changes.map(describe) };
};

/** What `npm run schema:check` prints for a drift, and whether it fails. */
export const driftReport = (drift: SchemaDrift): { readonly ok: boolean; readonly text: string } => {
  switch (drift.kind) {
    case 'current':
      return { ok: true, text: `${SCHEMA_FILE} is current.` };
    case 'breaking':
      return {
        ok: false,
        text: [
          `The schema the code generates breaks clients of ${SCHEMA_FILE}:`,
          ...drift.breaking.map((line) => `  - ${line}`),
          'Keep the old field or argument (deprecate it) instead; if the break is intended, run npm run schema:write,',
          'commit the file and call the break out in the change.',
        ].join('\n'),
      };
    case 'stale':
      return {
        ok: false,
        text: [
          `${SCHEMA_FILE} differs from the schema the code generates:`,
          ...(drift.changes.length > 0 ? drift.changes.map((line) => `  - ${line}`) : ['  - (order or formatting only)']),
          'Run npm run schema:write and commit.',
        ].join('\n'),
      };
  }
};
