import { getVariableValues, GraphQLError, Kind, type DocumentNode, type FragmentDefinitionNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { selectionMeasurer } from './operation-walk';
import { amount, type QueryLimits } from './query-limits.rule';

export interface CostedRequest {
  readonly schema: GraphQLSchema;
  readonly document: DocumentNode;
  readonly operation: OperationDefinitionNode;
  /** The variables as the request sent them (JSON). */
  readonly variables?: Readonly<Record<string, unknown>>;
}

/**
 * The cost of operations whose page sizes no variable gives, by schema and operation: Apollo hands
 * the same parsed document to every request that sends the same text, so these are measured once.
 */
const fixedCosts = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, number>>();

/**
 * What the operation a request runs would cost, with the page sizes its variables give (the
 * operation's defaults for those left out). Variables that do not coerce leave every page given
 * by a variable at the largest size; execution refuses them anyway.
 */
export const operationCost = ({ schema, document, operation, variables }: CostedRequest): number => {
  const fixed = fixedCosts.get(schema)?.get(operation);
  if (fixed !== undefined) return fixed;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], { ...variables });
  let variablePages = false;
  const measure = selectionMeasurer({ schema, fragment: (name) => fragments.get(name), variables: coerced.coerced, onVariablePage: () => (variablePages = true) });
  const { cost } = measure(operation.selectionSet, schema.getRootType(operation.operation) ?? undefined);
  if (!variablePages) {
    const costs = fixedCosts.get(schema) ?? new WeakMap<OperationDefinitionNode, number>();
    costs.set(operation, cost);
    fixedCosts.set(schema, costs);
  }
  return cost;
};

/** QUERY_TOO_COSTLY (answered 400, like the other limits) when the request's operation costs more than allowed; null otherwise. */
export const costRefusal = (limits: QueryLimits, request: CostedRequest): GraphQLError | null => {
  const cost = operationCost(request);
  if (cost <= limits.maxCost) return null;
  return new GraphQLError(`The query would cost ${amount(cost)}; at most ${limits.maxCost} is allowed`, {
    extensions: { code: 'QUERY_TOO_COSTLY', http: { status: 400 } },
  });
};
