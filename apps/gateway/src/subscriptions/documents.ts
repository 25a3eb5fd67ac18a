import { GraphQLError, parse, specifiedRules, validate, type DocumentNode, type GraphQLSchema, type ValidationRule } from 'graphql';

/**
 * Distinct subscription documents kept. The frontends send a handful (a petition's status, tasks
 * near a point, a task, rankings); a client inventing new ones only evicts the oldest.
 */
export const MAX_CACHED_DOCUMENTS = 256;

export type CheckedDocument = { document: DocumentNode; errors?: undefined } | { document?: undefined; errors: readonly GraphQLError[] };

/**
 * Subscription documents parsed and validated once per query text, as Apollo's document store does
 * for HTTP. graphql-ws would parse each subscription's query afresh and keep that tree (with every
 * token and location) for the life of the subscription: about 3 KB each, and 2,000 residents
 * following their petitions on one gateway pushed its heap into back-to-back full collections
 * (bench/README.md, integrations). Subscribers of one query now share one tree, without locations.
 */
export class DocumentCache {
  private readonly entries = new Map<string, DocumentNode>();
  private readonly rules: readonly ValidationRule[];

  constructor(
    readonly schema: GraphQLSchema,
    extraRules: readonly ValidationRule[],
    private readonly max = MAX_CACHED_DOCUMENTS,
  ) {
    this.rules = [...specifiedRules, ...extraRules];
  }

  check(query: string): CheckedDocument {
    const cached = this.entries.get(query);
    if (cached) {
      // Most recently used last, so the first key is the one to evict.
      this.entries.delete(query);
      this.entries.set(query, cached);
      return { document: cached };
    }
    let document: DocumentNode;
    try {
      document = parse(query, { noLocation: true });
    } catch (err) {
      if (err instanceof GraphQLError) return { errors: [err] };
      throw err;
    }
    if (validate(this.schema, document, this.rules).length) {
      // Refusals are not kept; they are validated again with locations, for the client's sake.
      return { errors: validate(this.schema, parse(query), this.rules) };
    }
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(query, document);
    return { document };
  }

  /** Documents kept now (tests, metrics). */
  get size(): number {
    return this.entries.size;
  }
}
