/**
 * Runs a query that clients keep sending through a compiled executor (graphql-jit) instead of
 * graphql-js's interpreter, which walks every field of the answer anew on every request: an
 * analytics answer has some two hundred fields, and walking them was the largest part of its cost
 * (docs/benchmarks.md).
 *
 * Apollo still parses, validates, checks the query's cost and times the request; only execution is
 * replaced, through Apollo's `responseForOperation` hook, against a copy of the schema whose fields
 * that only read a property have no resolver (plain-fields.schema.ts). A document is compiled on its
 * COMPILE_AFTER_USES-th use, so a client sending ever-new documents costs a compilation nothing;
 * compiled queries live as long as Apollo keeps the parsed document. Mutations and subscriptions
 * keep graphql-js. An answer with any error is not sent from here: the request goes on to
 * graphql-js, which runs the query again (queries read, and change nothing) and hands its errors to
 * Apollo's formatting, so every error reads exactly as before.
 */
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { DocumentNode } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import type { GraphqlExecutor } from '@stepwise/platform';
import { withPlainFields } from './plain-fields.schema';

export const COMPILE_AFTER_USES = 2;

interface DocumentUse {
  uses: number;
  /** By operation name (`''` for a document's only, unnamed operation); null when it did not compile. */
  readonly compiled: Map<string, CompiledQuery | null>;
}

/** Told how each operation was executed (the process's metrics count them). */
export type ExecutionRecorder = (executor: GraphqlExecutor) => void;

export const compiledQueriesPlugin = <Context extends object>(record: ExecutionRecorder): ApolloServerPlugin<Context> => {
  // Apollo keeps one parsed document per query text: when it lets one go, its compiled queries go too.
  const documents = new WeakMap<DocumentNode, DocumentUse>();

  const compiledFor = ({ schema, document, operationName }: { schema: GraphQLRequestContext<Context>['schema']; document: DocumentNode; operationName: string | undefined }) => {
    let use = documents.get(document);
    if (!use) documents.set(document, (use = { uses: 0, compiled: new Map() }));
    use.uses += 1;
    if (use.uses < COMPILE_AFTER_USES) return null;
    const key = operationName ?? '';
    let compiled = use.compiled.get(key);
    if (compiled === undefined) {
      const made = compileQuery(withPlainFields(schema), document, operationName, { disablingCapturingStackErrors: true });
      compiled = isCompiledQuery(made) ? made : null;
      use.compiled.set(key, compiled);
    }
    return compiled;
  };

  return {
    async requestDidStart() {
      let triedCompiled = false;
      return {
        async responseForOperation({ schema, document, operation, operationName, request, contextValue }) {
          // Apollo asks even when the document names no operation to run (its type says otherwise):
          // graphql-js then answers OPERATION_RESOLUTION_FAILURE.
          if ((operation as typeof operation | undefined)?.operation !== 'query') return null;
          const compiled = compiledFor({ schema, document, operationName: operationName ?? undefined });
          if (!compiled) return null;
          const result = await compiled.query(undefined, contextValue, request.variables);
          if (result.errors?.length) {
            triedCompiled = true;
            return null;
          }
          record('compiled');
          return { http: { headers: new HeaderMap(), status: undefined }, body: { kind: 'single', singleResult: { data: result.data } } };
        },
        async executionDidStart() {
          // graphql-js runs this operation: it was not compiled, or its compiled answer held an error.
          record(triedCompiled ? 'compiled_then_interpreted' : 'interpreted');
        },
      };
    },
  };
};
