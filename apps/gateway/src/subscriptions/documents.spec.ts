import { buildSchema } from 'graphql';
import { depthLimit } from '../limits.js';
import { DocumentCache } from './documents.js';

const schema = buildSchema(`
  type Query { ok: Boolean }
  type Petition { id: ID! state: String! duplicateOf: Petition }
  type Subscription { petitionUpdated(id: ID!): Petition }
`);
const WATCH = 'subscription($id: ID!){ petitionUpdated(id:$id){ id state } }';

describe('DocumentCache (subscription documents)', () => {
  it('gives every subscriber of one query the same validated tree, without token locations', () => {
    const cache = new DocumentCache(schema, []);
    const first = cache.check(WATCH);
    const second = cache.check(WATCH);
    expect(first.errors).toBeUndefined();
    expect(second.document).toBe(first.document);
    expect(first.document!.loc).toBeUndefined();
  });

  it('refuses a syntax error, an unknown field and a too deep query, with locations, and keeps none of them', () => {
    const cache = new DocumentCache(schema, [depthLimit(3)]);
    expect(cache.check('subscription { petitionUpdated(id: "1") { id ').errors![0]!.message).toMatch(/Syntax Error/);
    const unknown = cache.check('subscription { petitionUpdated(id: "1") { id secret } }').errors!;
    expect(unknown[0]!.message).toMatch(/Cannot query field "secret"/);
    expect(unknown[0]!.locations).toEqual([{ line: 1, column: 46 }]);
    const deep = cache.check('subscription { petitionUpdated(id: "1") { duplicateOf { duplicateOf { duplicateOf { id } } } } }').errors!;
    expect(deep.map((e) => e.extensions?.reason)).toContain('QUERY_TOO_DEEP');
    expect(cache.size).toBe(0);
  });

  it('keeps at most its limit, forgetting the least recently used', () => {
    const cache = new DocumentCache(schema, [], 2);
    const a = cache.check(WATCH).document;
    cache.check('subscription { petitionUpdated(id: "2") { id } }');
    expect(cache.check(WATCH).document).toBe(a); // used again: now the most recent
    cache.check('subscription { petitionUpdated(id: "3") { id } }');
    expect(cache.size).toBe(2);
    expect(cache.check(WATCH).document).toBe(a);
    expect(cache.check('subscription { petitionUpdated(id: "2") { id } }').document).not.toBeUndefined();
    expect(cache.size).toBe(2);
  });
});
