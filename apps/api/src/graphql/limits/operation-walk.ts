import { Kind, type ValidationContext, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';

/**
 * Visits every field reachable from a selection set, following fragments (each fragment once per
 * path, so a cycle cannot loop), and reports its depth and the multiplier of enclosing lists.
 */
export type FieldVisit = (field: { name: string; alias?: string; depth: number; multiplier: number; first?: number }) => void;

export const walkSelections = (
  context: ValidationContext,
  selectionSet: SelectionSetNode,
  visit: FieldVisit,
  depth = 1,
  multiplier = 1,
  seenFragments: ReadonlySet<string> = new Set(),
): void => {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const firstArgument = selection.arguments?.find((argument) => argument.name.value === 'first');
      const first = firstArgument?.value.kind === Kind.INT ? Number(firstArgument.value.value) : firstArgument ? Number.NaN : undefined;
      visit({ name: selection.name.value, alias: selection.alias?.value, depth, multiplier, first });
      // Introspection subtrees are bounded by the schema itself and off in production; GraphiQL's
      // standard introspection query is 15 levels deep, so they are not walked into.
      if (selection.selectionSet && !INTROSPECTION_ROOTS.has(selection.name.value)) {
        const listSize = first === undefined ? 1 : Number.isNaN(first) ? MAX_PAGE_SIZE : first;
        walkSelections(context, selection.selectionSet, visit, depth + 1, multiplier * Math.max(listSize, 1), seenFragments);
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      walkSelections(context, selection.selectionSet, visit, depth, multiplier, seenFragments);
    } else {
      const name = selection.name.value;
      if (seenFragments.has(name)) continue;
      const fragment: FragmentDefinitionNode | null | undefined = context.getFragment(name);
      if (fragment) walkSelections(context, fragment.selectionSet, visit, depth, multiplier, new Set([...seenFragments, name]));
    }
  }
};

const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/** The largest page a connection serves; a `first` given as a variable is costed at this. */
export const MAX_PAGE_SIZE = 100;
