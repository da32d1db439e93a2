import {
  getNamedType,
  getArgumentValues,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/** What a selection set asks for, measured as if it sat at the top of an operation. */
export interface SelectionMeasure {
  /** Levels of fields (a field at the top is 1); fragments add none of their own. */
  readonly depth: number;
  /** Aliases, counted again wherever a fragment holding them is spread. */
  readonly aliases: number;
  /**
   * Each field 1 (introspection fields 0), times the sizes of the lists enclosing it: a connection's
   * page size (`first`, as given, from its variable, or its default), or UNPAGED_LIST_SIZE for a
   * list answered whole (a journey's `steps`, a team's `members`).
   */
  readonly cost: number;
  /**
   * Aliases inside `__schema` and `__type`, fragments followed. Introspection is outside the depth and
   * cost, and without aliases it cannot ask for one list twice (fields of one name merge); with them,
   * ten aliases of `types` around ten of `fields` around ten more answered a 1 KB query with 60 MB.
   */
  readonly introspectionAliases: number;
}

const NOTHING: SelectionMeasure = { depth: 0, aliases: 0, cost: 0, introspectionAliases: 0 };

/** What a measurer reads besides the selections: the schema, the document's fragments and the request's variables. */
export interface MeasuredDocument {
  readonly schema: GraphQLSchema;
  readonly fragment: (name: string) => FragmentDefinitionNode | null | undefined;
  /**
   * The request's variables with the operation's defaults applied. Absent where they are not known
   * yet (validation, before any request): a page size given as a variable then counts as the
   * largest page.
   */
  readonly variables?: Readonly<Record<string, unknown>>;
  /** Told when a page size comes from a variable: the measure then holds for these variables only. */
  readonly onVariablePage?: () => void;
}

/** A page size execution takes (1 to MAX_PAGE_SIZE); any other counts as the largest page. */
const servedPage = (value: unknown): number => (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_PAGE_SIZE ? value : MAX_PAGE_SIZE);

/**
 * The page size a field asks for: its `first` as written, from its variable, or the argument's
 * default when left out (a connection asked for without `first` still answers a page). A value
 * execution refuses (not a whole number, or outside 1 to MAX_PAGE_SIZE) counts as the largest page:
 * the query is then costed as it could run, and `first: 1000` is refused by its connection with
 * VALIDATION_FAILED naming `first`, not as a query too costly.
 */
const pageSize = (
  field: GraphQLField<unknown, unknown> | undefined,
  selection: FieldNode,
  variables: Readonly<Record<string, unknown>> | undefined,
  onVariablePage: (() => void) | undefined,
): number | null => {
  const argument = selection.arguments?.find((given) => given.name.value === 'first');
  const definition = field?.args.find((arg) => arg.name === 'first');
  if (!argument && !definition) return null;
  if (argument?.value.kind === Kind.INT) return servedPage(Number(argument.value.value));
  if (argument?.value.kind === Kind.VARIABLE) onVariablePage?.();
  if (!definition || (argument?.value.kind === Kind.VARIABLE && variables === undefined)) return MAX_PAGE_SIZE;
  let value: unknown;
  try {
    value = getArgumentValues(field as GraphQLField<unknown, unknown>, selection, variables as Record<string, unknown> | undefined).first;
  } catch {
    return MAX_PAGE_SIZE;
  }
  return servedPage(value);
};

/**
 * Measures a selection set, following fragments. Each fragment is measured once per document and
 * its measure reused wherever it is spread (cost scales with the lists around the spread), so a
 * document whose fragments spread each other repeatedly (2ⁿ expansions from n small fragments) is
 * measured in time proportional to its length, not to its expansion. A fragment spread inside
 * itself (a cycle, which validation refuses on its own) counts as nothing on the way round.
 */
export const selectionMeasurer = ({ schema, fragment: fragmentNamed, variables, onVariablePage }: MeasuredDocument): ((selectionSet: SelectionSetNode, type: GraphQLCompositeType | undefined) => SelectionMeasure) => {
  const compositeNamed = (name: string): GraphQLCompositeType | undefined => {
    const type = schema.getType(name);
    return type && isCompositeType(type) ? type : undefined;
  };
  const fragments = new Map<string, SelectionMeasure>();
  const measuring = new Set<string>();
  const fragmentAliases = new Map<string, number>();

  /** Every alias in an introspection subtree, each fragment counted once however often it is spread (one is enough to refuse). */
  const aliasesWithin = (selectionSet: SelectionSetNode): number => {
    let count = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        count += (selection.alias ? 1 : 0) + (selection.selectionSet ? aliasesWithin(selection.selectionSet) : 0);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        count += aliasesWithin(selection.selectionSet);
      } else {
        const name = selection.name.value;
        if (!fragmentAliases.has(name)) {
          fragmentAliases.set(name, 0);
          const definition = fragmentNamed(name);
          fragmentAliases.set(name, definition ? aliasesWithin(definition.selectionSet) : 0);
        }
        count += fragmentAliases.get(name)!;
      }
    }
    return count;
  };

  const fragment = (name: string): SelectionMeasure => {
    const known = fragments.get(name);
    if (known) return known;
    if (measuring.has(name)) return NOTHING;
    const definition = fragmentNamed(name);
    if (!definition) return NOTHING;
    measuring.add(name);
    const measured = measure(definition.selectionSet, compositeNamed(definition.typeCondition.name.value));
    measuring.delete(name);
    fragments.set(name, measured);
    return measured;
  };

  const measure = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType | undefined): SelectionMeasure => {
    let depth = 0;
    let aliases = 0;
    let cost = 0;
    let introspectionAliases = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const field = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
        const type = field?.type;
        // A connection's edges are its page, already counted at the connection.
        const size = pageSize(field, selection, variables, onVariablePage) ?? (type && isListType(getNullableType(type)) && name !== 'edges' ? UNPAGED_LIST_SIZE : 1);
        const named = type && getNamedType(type);
        // Introspection subtrees are not walked into: GraphiQL's standard introspection query is 15
        // levels deep. The token limit bounds them (`ofType` nests as deep as it is written, each
        // level answered from the schema in memory), and production turns introspection off.
        const introspection = INTROSPECTION_ROOTS.has(name);
        const inner = selection.selectionSet && !introspection ? measure(selection.selectionSet, named && isCompositeType(named) ? named : undefined) : NOTHING;
        depth = Math.max(depth, 1 + inner.depth);
        aliases += (selection.alias ? 1 : 0) + inner.aliases;
        cost += (name.startsWith('__') ? 0 : 1) + Math.max(size, 1) * inner.cost;
        introspectionAliases += inner.introspectionAliases + (introspection && selection.selectionSet ? aliasesWithin(selection.selectionSet) : 0);
      } else {
        const inner =
          selection.kind === Kind.INLINE_FRAGMENT
            ? measure(selection.selectionSet, selection.typeCondition ? compositeNamed(selection.typeCondition.name.value) : parent)
            : fragment(selection.name.value);
        depth = Math.max(depth, inner.depth);
        aliases += inner.aliases;
        cost += inner.cost;
        introspectionAliases += inner.introspectionAliases;
      }
    }
    return { depth, aliases, cost, introspectionAliases };
  };

  return measure;
};

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/** The largest page a connection serves; a `first` whose value is not known is costed at this. */
export const MAX_PAGE_SIZE = 100;

/**
 * What a list answered whole (no `first`: a journey's steps, a team's members, an organisation's
 * teams) is costed at: the default page size of the connections.
 */
export const UNPAGED_LIST_SIZE = 20;
