import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  Kind,
  getNamedType,
  getNullableType,
  isListType,
  type ASTVisitor,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValueNode,
} from 'graphql';
import { validationError } from './errors.js';

/**
 * The largest JSON request body: a grids territory import (200 KB of GeoJSON, escaped into a
 * GraphQL string) fits; anything bigger is refused with 413 before parsing. Services' own limit
 * is the NATS payload (256 KB).
 */
export const MAX_REQUEST_BODY = '288kb';

/**
 * Rejects queries nested deeper than `max` (fragments followed). Stops malicious
 * steward → unit → … chains before any resolver runs.
 */
export function depthLimit(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = fragmentsOf(context.getDocument());
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

/** Page size a list field is costed at when the query does not say (the services' default). */
const DEFAULT_LIST_SIZE = 20;
/**
 * Mediation's lists inside its objects: 2–10 parties (and so at most 10 acceptances and, in
 * practice, conflicts); an agreement's instalments (at most 60).
 */
const MEDIATION_BOUNDED_LISTS: Record<string, number> = {
  'MediationCase.parties': 10,
  'MediationAgreement.instalments': 60,
  'MediationAgreement.acceptances': 10,
  'MediatorSuggestion.conflicts': 10,
};
/**
 * Lists without `first` whose length the data bounds, by `<parent type>.<field>`: a petition has
 * at most 9 photos and as many pieces of evidence.
 */
const BOUNDED_LISTS: Record<string, number> = { 'Petition.attachments': 9, 'Petition.evidence': 9, ...MEDIATION_BOUNDED_LISTS };
/**
 * Root fields that answer one fixed, city-wide document from one service call whatever is
 * selected: the taxonomy (19 major, 117 minor categories), which the QR page reads whole; the
 * five mediation agreement templates.
 */
const FIXED_COST: Record<string, number> = { 'Query.categories': 100, 'Query.agreementTemplates': 20 };
/**
 * What a root field costs before its selection: each is at least one request to a service (an
 * alias is another request), where nested fields mostly ride on DataLoader batches.
 */
const ROOT_FIELD_COST = 10;

export interface OperationLimits {
  /** Highest estimated cost of one operation (GRAPHQL_MAX_COST). */
  maxCost: number;
  /** Most root fields one mutation operation may have, aliases included (GRAPHQL_MAX_MUTATIONS). */
  maxMutations: number;
}

/**
 * The cost and mutation limits, as an Apollo plugin: `didResolveOperation` sees the operation
 * *and its variables*, once per operation of every request (a validation rule sees neither the
 * variables nor requests whose document Apollo has cached, nor automatic persisted queries), and
 * runs before any resolver. A refused operation executes nothing: VALIDATION with reason
 * QUERY_TOO_COSTLY or TOO_MANY_MUTATIONS, HTTP 400.
 */
export function operationLimits(limits: OperationLimits): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return; // Apollo has refused the request already
          const refusal = checkOperation(schema, document, operation, request.variables ?? {}, limits);
          if (refusal) throw refusal;
        },
      };
    },
  };
}

/** The refusal for `operation` with these variables, or null when it is within the limits (subscriptions use it too). */
export function checkOperation(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown>, limits: OperationLimits) {
  if (operation.operation === 'mutation') {
    const mutations = rootFields(operation.selectionSet, fragmentsOf(document), new Set()).filter((f) => !f.name.value.startsWith('__')).length;
    if (mutations > limits.maxMutations) return validationError(`${mutations} mutations in one operation exceed the limit of ${limits.maxMutations}`, 'TOO_MANY_MUTATIONS', 400);
  }
  const cost = operationCost(schema, document, operation, variables);
  if (cost > limits.maxCost) return validationError(`query cost ${cost} exceeds the limit of ${limits.maxCost}`, 'QUERY_TOO_COSTLY', 400);
  return null;
}

/**
 * Estimated cost before execution: every root field that calls a service costs ROOT_FIELD_COST,
 * every other field 1, and a list field multiplies what it selects by its `first` argument — a
 * literal or a variable's value — or 20 when absent. Introspection (`__schema`, `__type`,
 * `__typename`) calls no service and costs nothing.
 */
function operationCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, variables: Record<string, unknown> = {}): number {
  const fragments = fragmentsOf(document);
  const defaults = new Map((operation.variableDefinitions ?? []).map((d) => [d.variable.name.value, d.defaultValue]));
  const intValue = (node: ValueNode | undefined): number | undefined => {
    if (node?.kind === Kind.INT) return Number(node.value);
    if (node?.kind === Kind.VARIABLE) {
      const given = variables[node.name.value];
      if (typeof given === 'number' && Number.isFinite(given)) return given;
      // Absent or null: the default the operation declares, else the list's default size.
      return given === undefined ? intValue(defaults.get(node.name.value) ?? undefined) : undefined;
    }
    return undefined;
  };
  const costOf = (set: SelectionSetNode | undefined, parent: GraphQLOutputType | undefined, seen: Set<string>, root: boolean): number => {
    if (!set) return 0;
    const named = parent ? getNamedType(parent) : undefined;
    const fields = named && 'getFields' in named ? (named.getFields() as Record<string, GraphQLField<unknown, unknown>>) : {};
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.name.value.startsWith('__')) continue;
        total += fieldCost(sel, fields[sel.name.value]?.type, seen, root, named?.name);
      } else if (sel.kind === Kind.INLINE_FRAGMENT) {
        const t = sel.typeCondition ? (schema.getType(sel.typeCondition.name.value) as GraphQLOutputType) : parent;
        total += costOf(sel.selectionSet, t, seen, root);
      } else if (!seen.has(sel.name.value)) {
        const f = fragments.get(sel.name.value);
        if (f) total += costOf(f.selectionSet, schema.getType(f.typeCondition.name.value) as GraphQLOutputType, new Set([...seen, sel.name.value]), root);
      }
    }
    return total;
  };
  const fieldCost = (field: FieldNode, type: GraphQLOutputType | undefined, seen: Set<string>, root: boolean, parentName?: string): number => {
    const fixed = FIXED_COST[`${parentName}.${field.name.value}`];
    if (fixed !== undefined) return (root ? ROOT_FIELD_COST : 0) + fixed;
    const first = intValue(field.arguments?.find((a) => a.name.value === 'first')?.value) ?? BOUNDED_LISTS[`${parentName}.${field.name.value}`] ?? DEFAULT_LIST_SIZE;
    // A connection's `first` multiplies its page; its `items` list is that page, not another factor.
    // Only `…Connection` types are pages: a merchant's `items` (its goods) is an ordinary list.
    const pageOfConnection = field.name.value === 'items' && isConnectionName(parentName);
    const isList = type ? isListType(getNullableType(type)) && !pageOfConnection : false;
    const isConnection = type ? isConnectionName(getNamedType(type).name) : false;
    const multiplier = isList || isConnection ? Math.max(1, first) : 1;
    return (root ? ROOT_FIELD_COST : 1) + multiplier * costOf(field.selectionSet, type, seen, false);
  };
  const rootType = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  return costOf(operation.selectionSet, rootType ?? undefined, new Set(), true);
}

const isConnectionName = (name: string | undefined) => name?.endsWith('Connection') ?? false;

/** The root fields of a selection, through fragments (each alias is one). */
function rootFields(set: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, seen: Set<string>): FieldNode[] {
  return set.selections.flatMap((sel) => {
    if (sel.kind === Kind.FIELD) return [sel];
    if (sel.kind === Kind.INLINE_FRAGMENT) return rootFields(sel.selectionSet, fragments, seen);
    const f = fragments.get(sel.name.value);
    return f && !seen.has(f.name.value) ? rootFields(f.selectionSet, fragments, new Set([...seen, f.name.value])) : [];
  });
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  return new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
}
