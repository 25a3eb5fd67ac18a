// Baseline for `npm run bench:mediation` (bench/README.md, "Mediation benchmark"): one process
// answering the benchmark's two mediation reads straight from PostgreSQL. Plain node:http, a pg
// pool of DB_POOL_MAX (10, the services' default pool), no auth, no NATS, no GraphQL execution:
// it tells the two bodies apart by their field, takes the arguments from `variables` and answers
// with the fields the query selects (graphql-js `parse`, once per query text), in the gateway's shape:
//
//   POST /graphql  query(…) { mediationCases(region, states, first, after) { items { … } pageInfo { … } } }
//     The service's own code from the builds: CaseRepository.list (the LIST prepared read, for the
//     actor's regions and person as CaseService.list passes them, first + 1 rows) and
//     CaseRepository.parties (the PARTIES prepared read) of libs/mediation/data-access/dist, on
//     PreparedReads over this process's pool (same statement names, same texts), shaped by
//     caseView of apps/mediation/dist/case/case-view.js; the page and its cursor as CaseService.list
//     makes them (copied below: keep in step).
//   POST /graphql  query(…) { mediationStats(region, from, to, groupBy) { … } }
//     StatsService.get over MediationStatsRepository.stats, imported from the builds and given this
//     process's pool, so the statement is the service's, character for character.
// Left out: the authorisation (the actor's region check) and the input's validation (the runner
// sends good input).
//
// Environment: DATABASE_URL, DB_SCHEMA (the mediation schema), HTTP_PORT, DB_POOL_MAX (10),
// BENCH_ACTOR ({ accountId, personId, username, grants }: the runner's admin, as the gateway sends it).
import { parse } from 'graphql';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { baselinePool, gqlError, send, serveBaseline } from './baseline-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (file) => import(pathToFileURL(path.join(ROOT, file)).href);
const { schema, pool, poolMax } = baselinePool('mediation-baseline');
const actor = JSON.parse(process.env.BENCH_ACTOR ?? 'null');
if (!actor?.accountId || !Array.isArray(actor.grants)) {
  process.stderr.write('mediation-baseline: BENCH_ACTOR ({ accountId, personId, username, grants }) is required\n');
  process.exit(78);
}

const { PreparedReads } = await import('@gov/platform-persistence');
const { actorRegions } = await import('@gov/kernel');
const { CASE_STAFF_ROLES } = await import('@gov/mediation-domain');
const { CaseRepository } = await dist('libs/mediation/data-access/dist/case/case.repository.js');
const { MediationStatsRepository } = await dist('libs/mediation/data-access/dist/stats/stats.repository.js');
const { caseView } = await dist('apps/mediation/dist/case/case-view.js');
const { StatsService } = await dist('apps/mediation/dist/stats/stats.service.js');

// PreparedReads and the statistics repository take the ORM only to reach its pg pool.
const orm = { em: { getConnection: () => ({ getNativeClient: () => pool }) } };
const reads = new PreparedReads(orm, schema);
const cases = new CaseRepository(reads, schema);
const stats = new StatsService(new MediationStatsRepository(reads));
const regions = actorRegions(actor, CASE_STAFF_ROLES);

// ---- apps/mediation/src/case/case.service.ts (CaseService.list, its cursor)
const DEFAULT_PAGE_SIZE = 20;
const encodeSeq = (seq) => Buffer.from(`c:${seq}`).toString('base64url');
function decodeSeq(cursor) {
  if (!cursor) return null;
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^c:\d{1,18}$/.test(raw)) throw new Refusal('VALIDATION', 'after: not a cursor this list gave out');
  return raw.slice(2);
}

async function listCases(v) {
  const first = v.first ?? DEFAULT_PAGE_SIZE;
  const rows = await cases.list({
    regions,
    personId: actor.personId ?? null,
    region: v.region ?? null,
    states: v.states ?? null,
    category: v.category ?? null,
    level: v.level ?? null,
    organisationId: v.organisationId ?? null,
    mediatorId: v.mediatorId ?? null,
    criminalRisk: v.criminalRisk ?? null,
    confirmationDue: v.confirmationDue ?? null,
    afterSeq: decodeSeq(v.after),
    limit: first + 1,
  });
  const page = rows.slice(0, first);
  const parties = await cases.parties(page.map((r) => r.id));
  // connection() of @gov/platform-graphql: the page as items and pageInfo.
  return { items: page.map((r) => caseView(r, parties)), pageInfo: { endCursor: page.length ? encodeSeq(page.at(-1).seq) : null, hasNextPage: rows.length > first } };
}

class Refusal extends Error {
  constructor(code, message, reason) {
    super(message);
    this.code = code;
    this.reason = reason;
  }
}

// ---- the answer's shape: the query's selection set over the service's view
const documents = new Map();
function operationField(query) {
  let field = documents.get(query);
  if (!field) {
    const op = parse(query).definitions.find((d) => d.kind === 'OperationDefinition');
    field = op?.selectionSet.selections.find((s) => s.kind === 'Field');
    if (!field) throw new Refusal('VALIDATION', 'no field in the query');
    documents.set(query, field);
  }
  return field;
}
/** `value` cut down to the fields `selectionSet` names (plain fields only: the runner uses no aliases or fragments). */
function project(value, selectionSet) {
  if (!selectionSet || value === null || value === undefined) return value ?? null;
  if (Array.isArray(value)) return value.map((v) => project(v, selectionSet));
  const out = {};
  for (const s of selectionSet.selections) if (s.kind === 'Field') out[s.name.value] = project(value[s.name.value], s.selectionSet);
  return out;
}

serveBaseline({
  pool,
  poolMax,
  graphql: async ({ query, variables: v }, _req, res) => {
    try {
      const field = operationField(query);
      let result;
      if (field.name.value === 'mediationCases') result = await listCases(v);
      else if (field.name.value === 'mediationStats') result = await stats.get(actor, { region: v.region, from: v.from ?? null, to: v.to ?? null, category: v.category ?? null, groupBy: v.groupBy ?? 'month' });
      else throw new Refusal('VALIDATION', 'unknown operation');
      send(res, 200, { data: { [field.name.value]: project(result, field.selectionSet) } });
    } catch (err) {
      // A refusal is answered as the gateway answers it; anything else is the server's 500.
      if (err instanceof Refusal) gqlError(res, err.message, err.code, err.reason);
      else throw err;
    }
  },
});
