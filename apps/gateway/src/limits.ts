import { Kind, type ASTVisitor, type FieldNode, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext, getNamedType, isListType, getNullableType, type GraphQLOutputType, type GraphQLField } from 'graphql';
import { validationError } from './errors.js';

/**
 * Rejects queries nested deeper than `max` (fragments followed). Stops malicious
 * steward → unit → … chains before any resolver runs.
 */
export function depthLimit(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map(context.getDocument().definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
    const depthOf = (set: SelectionSetNode | undefined, depth: number, seen: Set<string>): number => {
      if (!set) return depth;
      let deepest = depth;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          if (sel.name.value.startsWith('__')) continue;
          deepest = Math.max(deepest, depthOf(sel.selectionSet, depth + (sel.selectionSet ? 1 : 0), seen));
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          deepest = Math.max(deepest, depthOf(sel.selectionSet, depth, seen));
        } else if (!seen.has(sel.name.value)) {
          const f = fragments.get(sel.name.value);
          deepest = Math.max(deepest, depthOf(f?.selectionSet, depth, new Set([...seen, sel.name.value])));
        }
      }
      return deepest;
    };
    return {
      OperationDefinition(op) {
        const depth = depthOf(op.selectionSet, 0, new Set());
        if (depth > max) context.reportError(validationError(`query depth ${depth} exceeds the limit of ${max}`, 'QUERY_TOO_DEEP'));
      },
    };
  };
}

/**
 * Estimates cost before execution: every field costs 1, and a list field multiplies what it
 * selects by its `first` argument (or 20 when absent). Rejects above `max`.
 */
export function costLimit(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    const schema = context.getSchema();
    const fragments = new Map(context.getDocument().definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
    const costOf = (set: SelectionSetNode | undefined, parent: GraphQLOutputType | undefined, seen: Set<string>): number => {
      if (!set) return 0;
      const named = parent ? getNamedType(parent) : undefined;
      const fields = named && 'getFields' in named ? (named.getFields() as Record<string, GraphQLField<unknown, unknown>>) : {};
      let total = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          total += fieldCost(sel, fields[sel.name.value]?.type, seen);
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          const t = sel.typeCondition ? (schema.getType(sel.typeCondition.name.value) as GraphQLOutputType) : parent;
          total += costOf(sel.selectionSet, t, seen);
        } else if (!seen.has(sel.name.value)) {
          const f = fragments.get(sel.name.value);
          if (f) total += costOf(f.selectionSet, schema.getType(f.typeCondition.name.value) as GraphQLOutputType, new Set([...seen, sel.name.value]));
        }
      }
      return total;
    };
    const fieldCost = (field: FieldNode, type: GraphQLOutputType | undefined, seen: Set<string>): number => {
      const firstArg = field.arguments?.find((a) => a.name.value === 'first');
      const first = firstArg?.value.kind === Kind.INT ? Number(firstArg.value.value) : 20;
      // A connection's `first` multiplies its page; its `items` list is that page, not another factor.
      const isList = type ? isListType(getNullableType(type)) && field.name.value !== 'items' : false;
      const isConnection = field.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && s.name.value === 'items');
      const multiplier = isList || isConnection ? Math.max(1, first) : 1;
      return 1 + multiplier * costOf(field.selectionSet, type, seen);
    };
    return {
      OperationDefinition(op) {
        const rootType = op.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
        const cost = costOf(op.selectionSet, rootType ?? undefined, new Set());
        if (cost > max) context.reportError(validationError(`query cost ${cost} exceeds the limit of ${max}`, 'QUERY_TOO_COSTLY'));
      },
    };
  };
}
