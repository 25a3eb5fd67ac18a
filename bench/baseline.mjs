// Baseline for `npm run bench`: one process answering the gateway's `steward(id)` read and its
// `enrollSteward` write straight on PostgreSQL. Plain node:http, a pg pool of DB_POOL_MAX (10,
// identity's default pool size), no auth, no GraphQL parsing beyond telling the two bodies apart
// and taking the values from `variables`. The responses have the shapes the gateway returns for
//   query($id: ID!) { steward(id: $id) { id number class grid } }
//   mutation($input: EnrollStewardInput!) { enrollSteward(input: $input) { id number } }
//
// The write is identity's enrolment transaction without its reads (person, unit, "already a
// steward?" count; the unit's code, which the number needs, is looked up once per unit and
// kept): BEGIN, the number counter upsert (libs/identity/data-access steward-number.repository),
// the steward row, its steward_number_history row, the outbox row with its aggregate-version
// upsert (libs/platform/outbox Outbox.add) and the audit row (AuditRepository.insert), COMMIT.
// Same tables, same columns, same value shapes as identity writes them, so identity's outbox
// relay publishes these events as well.
//
// The process around it (server, pool, health) is bench/baseline-server.mjs.
//
// Environment: DATABASE_URL, DB_SCHEMA (identity's schema), HTTP_PORT, DB_POOL_MAX (10),
// BENCH_ACTOR_ID and BENCH_ACTOR_NAME (the account written as the audit entry's actor).
import { randomUUID } from 'node:crypto';
import { UUID, baselinePool, gqlError, outboxAddSql, send, serveBaseline } from './baseline-server.mjs';

const { S, pool, poolMax } = baselinePool('baseline');
const actor = { id: process.env.BENCH_ACTOR_ID || null, name: process.env.BENCH_ACTOR_NAME || null };

const SQL = {
  stewardById: `select id, number, class, grid from ${S}.steward where id = $1`,
  unitCode: `select code from ${S}.unit where id = $1`,
  // StewardNumberRepository.next
  nextNumber: `insert into ${S}.steward_number_counter (prefix, last) values ($1, 1)
       on conflict (prefix) do update set last = steward_number_counter.last + 1 returning last`,
  // the Steward entity's columns (seq is the table's own)
  insertSteward: `insert into ${S}.steward (id, person_id, number, class, unit_id, grid, building, deliberation_role, sentinel_role, reports_to_id, enrolled_at, updated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
  insertHistory: `insert into ${S}.steward_number_history (id, steward_id, number, issued_at, retired_at) values ($1, $2, $3, $4, $5)`,
  // Outbox.add
  insertOutbox: outboxAddSql(S),
  // AuditRepository.insert
  insertAudit: `insert into ${S}.audit_entry (id, actor_id, actor_name, operation, target_type, target_id, region, outcome, detail) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
};
async function readSteward(res, id) {
  if (typeof id !== 'string' || !UUID.test(id)) return gqlError(res, 'id must be an id', 'VALIDATION');
  const { rows } = await pool.query({ name: 'steward_by_id', text: SQL.stewardById, values: [id] });
  if (rows.length === 0) return gqlError(res, `steward ${id} not found`, 'NOT_FOUND');
  const s = rows[0];
  send(res, 200, { data: { steward: { id: s.id, number: s.number, class: s.class, grid: s.grid } } });
}

/** unit id → its code (a promise, so concurrent first requests share one query). */
const unitCodes = new Map();
function unitCode(unitId) {
  let code = unitCodes.get(unitId);
  if (!code) {
    code = pool.query({ name: 'unit_code', text: SQL.unitCode, values: [unitId] }).then(({ rows }) => rows[0]?.code ?? null);
    code.catch(() => unitCodes.delete(unitId));
    unitCodes.set(unitId, code);
  }
  return code;
}

// @gov/identity-domain stewardNumberPrefix / formatStewardNumber, @gov/kernel countyOf / eventSubject / eventType
const numberPrefix = (p) => [p.class, p.unitCode, p.grid.split('/').pop().toUpperCase(), p.building ?? '0'].join('-');
const countyOf = (region) => region.split('/')[1] ?? 'city';

async function enrollSteward(res, input) {
  const ok =
    input &&
    typeof input.personId === 'string' && UUID.test(input.personId) &&
    typeof input.unitId === 'string' && UUID.test(input.unitId) &&
    Number.isInteger(input.class) && input.class >= 1 && input.class <= 6 &&
    typeof input.grid === 'string' && input.grid.length > 0 &&
    (input.building == null || typeof input.building === 'string');
  if (!ok) return gqlError(res, 'invalid EnrollStewardInput', 'VALIDATION');
  const code = await unitCode(input.unitId);
  if (!code) return gqlError(res, `unit ${input.unitId} not found`, 'NOT_FOUND');

  const s = {
    id: randomUUID(),
    personId: input.personId,
    number: undefined,
    class: input.class,
    unitId: input.unitId,
    grid: input.grid,
    building: input.building ?? null,
    deliberationRole: input.deliberationRole ?? null,
    sentinelRole: input.sentinelRole ?? null,
    reportsToId: input.reportsToId ?? null,
  };
  const prefix = numberPrefix({ class: s.class, unitCode: code, grid: s.grid, building: s.building });
  const client = await pool.connect();
  let broken;
  try {
    await client.query('begin');
    const { rows } = await client.query({ name: 'steward_number_next', text: SQL.nextNumber, values: [prefix] });
    s.number = `${prefix}-${String(rows[0].last).padStart(4, '0')}`;
    const now = new Date();
    await client.query({
      name: 'steward_insert',
      text: SQL.insertSteward,
      values: [s.id, s.personId, s.number, s.class, s.unitId, s.grid, s.building, s.deliberationRole, s.sentinelRole, s.reportsToId, now, now],
    });
    await client.query({ name: 'steward_history_insert', text: SQL.insertHistory, values: [randomUUID(), s.id, s.number, now, null] });
    const view = { ...s, enrolledAt: now.toISOString(), updatedAt: now.toISOString() };
    const county = countyOf(s.grid);
    const source = `/gov/identity/steward/${s.id}`;
    await client.query({
      name: 'outbox_insert',
      text: SQL.insertOutbox,
      values: [source, randomUUID(), `evt.${county}.identity.steward.enrolled.v1`, 'gov.identity.steward.enrolled.v1', source, county, randomUUID(), JSON.stringify(view)],
    });
    await client.query({
      name: 'audit_insert',
      text: SQL.insertAudit,
      values: [randomUUID(), actor.id, actor.name, 'steward.enroll', 'steward', s.id, s.grid, 'ok', JSON.stringify({ number: s.number })],
    });
    await client.query('commit');
  } catch (err) {
    await client.query('rollback').catch((e) => (broken = e));
    // 23505 unique (person_id: already a steward), 23503 foreign key (no such person), checked at commit
    if (err.code === '23505') return gqlError(res, 'this person is already a steward', 'ALREADY_ENROLLED');
    if (err.code === '23503') return gqlError(res, `person ${s.personId} not found`, 'NOT_FOUND');
    throw err;
  } finally {
    client.release(broken);
  }
  send(res, 200, { data: { enrollSteward: { id: s.id, number: s.number } } });
}

serveBaseline({
  pool,
  poolMax,
  graphql: async ({ query, variables }, _req, res) => {
    if (query.includes('enrollSteward')) await enrollSteward(res, variables.input);
    else await readSteward(res, variables.id);
  },
});
