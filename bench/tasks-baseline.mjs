// Baseline for `npm run bench:tasks` (bench/README.md, "Tasks benchmark"): one process answering the
// benchmark's two tasks operations straight from PostgreSQL, with the SQL the tasks service runs for
// them. Plain node:http, a pg pool of DB_POOL_MAX (10, the services' default pool), no auth, no
// GraphQL beyond telling the bodies apart and taking the values from `variables`; the answers have
// the shapes the gateway returns for the benchmark's queries:
//
//   POST /graphql  query(…) { rankings(scope, period, region, class, unitId, first, after) { items { rank stewardId number points } pageInfo { endCursor hasNextPage } } }
//     RankingsService.list: the scope's check (RankingsRepository.communityKnown for a community,
//     unitById for a unit, nothing for a county), then RankingsRepository.page
//     (tasks.rankings.page.<scope>), ranks and cursor computed as the service computes them.
//   POST /graphql  mutation($taskId: ID!) { claimTask(taskId: $taskId) { id taskId stewardId status } }
//     with the caller's person id in the header x-bench-person (the gateway's token carries it).
//     TaskService.claim: TaskRepository.byId (tasks.task.byId) and DirectoryRepository.stewardByPerson
//     (tasks.steward.byPerson), then one transaction: the task row FOR UPDATE (lockTask), status,
//     deadline and class checks, the steward's existing claim FOR UPDATE (claimOf), the capacity
//     check, insertClaim, addClaimed, Outbox.add (the aggregate-version upsert and the outbox row in
//     one statement) and the claim's view FOR UPDATE (claimViewIn), COMMIT. Refusals (TASK_FULL,
//     ALREADY_CLAIMED, …) roll back and answer as the gateway does (extensions.code and reason).
//
// The prepared reads are named prepared statements with the service's names, as PreparedReads runs
// them; the transaction's statements, which the service sends through the ORM (em.execute, values
// inlined), are plain parameterised statements here. The SQL is copied from
// libs/tasks/data-access/src/{task/task.repository.ts, directory/directory.repository.ts,
// rankings/rankings.repository.ts} and libs/platform/outbox/src/outbox.ts (in
// bench/baseline-server.mjs, with the process around them: server, pool, health): keep them in step.
// Environment: DATABASE_URL, DB_SCHEMA (the tasks schema), HTTP_PORT, DB_POOL_MAX (10).
import { randomUUID } from 'node:crypto';
import { UUID, baselinePool, gqlError, outboxAddSql, send, serveBaseline } from './baseline-server.mjs';

const { S, pool, poolMax } = baselinePool('tasks-baseline');

// ---- libs/tasks/data-access/src/task/task.repository.ts
const TASK_COLUMNS = `t.id, t.kind, t.emergency_type as "emergencyType", t.title, t.description, t.region, t.community,
  public.st_y(t.location::public.geometry) as lat, public.st_x(t.location::public.geometry) as lng, t.place_id as "placeId",
  t.checkin_radius_m as "checkinRadiusM", t.points, t.capacity, t.claimed, t.required_classes as "requiredClasses", t.deadline, t.status,
  t.published_by_person as "publishedByPerson", t.published_by_steward as "publishedBySteward", t.created_at as "createdAt"`;
const CLAIM_COLUMNS = `c.id, c.task_id as "taskId", c.steward_id as "stewardId", c.person_id as "personId", c.status, c.claimed_at as "claimedAt",
  c.checked_in_at as "checkedInAt", c.checkin_distance_m as "checkinDistanceM", c.submitted_at as "submittedAt", c.note, c.photos,
  c.decided_at as "decidedAt", c.decided_by_person as "decidedByPerson", c.rejection_reason as "rejectionReason", c.rating,
  (select e.amount from ${S}.points_txn x join ${S}.points_entry e on e.txn_id = x.id and e.steward_id is not null
    where x.source_type = 'task_completion' and x.source_id = c.id::text) as "pointsAwarded"`;
// ---- libs/tasks/data-access/src/directory/directory.repository.ts
const STEWARD_COLUMNS = `id, person_id as "personId", number, class, unit_id as "unitId", grid, community, reports_to_id as "reportsToId"`;

const SQL = {
  taskById: { name: 'tasks.task.byId', text: `select ${TASK_COLUMNS}, null::float8 as "distanceM" from ${S}.task t where t.id = $1` },
  stewardByPerson: { name: 'tasks.steward.byPerson', text: `select ${STEWARD_COLUMNS} from ${S}.steward_ref where person_id = $1` },
  // TaskRepository.lockTask, claimOf, insertClaim, addClaimed, lockClaim
  lockTask: `select ${TASK_COLUMNS}, null::float8 as "distanceM" from ${S}.task t where t.id = $1 for update`,
  claimOf: `select ${CLAIM_COLUMNS} from ${S}.task_claim c where c.task_id = $1 and c.steward_id = $2 for update`,
  insertClaim: `insert into ${S}.task_claim (id, task_id, steward_id, person_id) values ($1, $2, $3, $4) on conflict (task_id, steward_id) do nothing returning id`,
  addClaimed: `update ${S}.task set claimed = claimed + $1, version = version + 1, updated_at = now() where id = $2`,
  lockClaim: `select ${CLAIM_COLUMNS} from ${S}.task_claim c where c.id = $1 for update`,
  // libs/platform/outbox/src/outbox.ts (Outbox.add)
  outboxAdd: outboxAddSql(S),
  // ---- libs/tasks/data-access/src/rankings/rankings.repository.ts
  communityKnown: { name: 'tasks.rankings.communityKnown', text: `select exists (select 1 from ${S}.steward_ref where community = $1) as known` },
  unitById: { name: 'tasks.rankings.unitById', text: `select id, name, region from ${S}.unit_ref where id = $1` },
};

/** The parameters after the period ($1): $2 the community, county pattern or unit; $3 the class. */
const SCOPE_PARAMS = { community: 1, classInCommunity: 2, classInCounty: 2, unit: 1 };
function scopeWhere(key, a) {
  switch (key) {
    case 'community':
      return `${a}.period = $1 and ${a}.community = $2`;
    case 'classInCommunity':
      return `${a}.period = $1 and ${a}.community = $2 and ${a}.class = $3`;
    case 'classInCounty':
      return `${a}.period = $1 and ${a}.class = $3 and ${a}.community like $2`;
    case 'unit':
      return `${a}.period = $1 and ${a}.unit_id = $2::uuid`;
  }
  throw new Error(`no scope ${key}`);
}
function pageRead(key) {
  const n = 1 + SCOPE_PARAMS[key];
  const w = (a) => scopeWhere(key, a);
  const after = (a) => `${a}.points > 0 and ${a}.points <= $${n + 1} and (${a}.points < $${n + 1} or ${a}.steward_id > $${n + 2}::uuid)`;
  return {
    name: `tasks.rankings.page.${key}`,
    text: `with cut as (select min(c.points) as points from (
             select p.points from ${S}.points_period p where ${w('p')} and ${after('p')} order by p.points desc limit $${n + 3}) c),
           page as (
             select p.steward_id, p.points from ${S}.points_period p
             where ${w('p')} and ${after('p')} and p.points >= (select points from cut)
             order by p.points desc, p.steward_id limit $${n + 3}),
           head as (select steward_id, points from page order by points desc, steward_id limit 1)
           select pg.steward_id as "stewardId", s.number, pg.points,
             (select count(*) from ${S}.points_period p, head h where ${w('p')} and p.points > h.points)::int as above,
             (select count(*) from ${S}.points_period p, head h where ${w('p')} and p.points = h.points and p.steward_id < h.steward_id)::int as "tiedBefore"
           from page pg join ${S}.steward_ref s on s.id = pg.steward_id
           order by pg.points desc, pg.steward_id`,
  };
}
const PAGE = Object.fromEntries(Object.keys(SCOPE_PARAMS).map((k) => [k, pageRead(k)]));
const belowPattern = (p) => `${p.replace(/[\\%_]/g, (c) => '\\' + c)}/%`;
function scopeParams(s) {
  switch (s.key) {
    case 'community':
      return [s.community];
    case 'classInCommunity':
      return [s.community, s.class];
    case 'classInCounty':
      return [belowPattern(s.county), s.class];
    case 'unit':
      return [s.unitId];
  }
  throw new Error(`no scope ${s.key}`);
}

// libs/tasks/domain/src/honours.ts
function competitionRanks(points, firstRank = 1, position = firstRank - 1) {
  const ranks = [];
  points.forEach((p, i) => {
    if (p === points[0]) ranks.push(firstRank);
    else if (p === points[i - 1]) ranks.push(ranks[i - 1]);
    else ranks.push(position + i + 1);
  });
  return ranks;
}

const PERIOD = /^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;
const SEGMENT = /^[a-z0-9][a-z0-9-]{0,31}$/;
const isRegion = (p) => typeof p === 'string' && p.split('/').length <= 8 && p.split('/').every((s) => SEGMENT.test(s));

class Refusal extends Error {
  constructor(code, message, reason) {
    super(message);
    this.code = code;
    this.reason = reason;
  }
}

const encodeRankCursor = (r) => Buffer.from(`r:${r.points}:${r.stewardId}`).toString('base64url');
function decodeRankCursor(cursor) {
  if (!cursor) return null;
  const m = /^r:(-?\d{1,10}):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m || Math.abs(Number(m[1])) > 2_147_483_647) throw new Refusal('VALIDATION', 'after: not a cursor this list gave out');
  return { points: Number(m[1]), stewardId: m[2] };
}

/** RankingsService.list with the RankingsInput checks the benchmark's requests need. */
async function rankings(res, v) {
  const first = v.first ?? 20;
  if (!['COMMUNITY', 'CLASS', 'UNIT'].includes(v.scope) || typeof v.period !== 'string' || !PERIOD.test(v.period) || !Number.isInteger(first) || first < 1 || first > 100) {
    throw new Refusal('VALIDATION', 'scope, period or first: invalid');
  }
  const depth = typeof v.region === 'string' ? v.region.split('/').length : 0;
  let scope;
  if (v.scope === 'UNIT') {
    if (typeof v.unitId !== 'string' || !UUID.test(v.unitId)) throw new Refusal('VALIDATION', 'unitId: a UNIT ranking needs the unit');
    const unit = (await pool.query({ ...SQL.unitById, values: [v.unitId] })).rows[0];
    if (!unit) throw new Refusal('NOT_FOUND', `unit ${v.unitId} not found`);
    scope = { key: 'unit', unitId: unit.id };
  } else {
    if (!isRegion(v.region)) throw new Refusal('VALIDATION', 'region: must be a path');
    if (v.scope === 'COMMUNITY' && depth !== 4) throw new Refusal('VALIDATION', 'region: a COMMUNITY ranking needs a community');
    if (v.scope === 'CLASS' && (![2, 4].includes(depth) || !Number.isInteger(v.class) || v.class < 1 || v.class > 6)) throw new Refusal('VALIDATION', 'class or region: invalid');
    if (depth === 4) {
      const known = (await pool.query({ ...SQL.communityKnown, values: [v.region] })).rows[0].known;
      if (!known) throw new Refusal('NOT_FOUND', `community ${v.region} not found`);
    }
    scope = v.scope === 'COMMUNITY' ? { key: 'community', community: v.region } : depth === 4 ? { key: 'classInCommunity', community: v.region, class: v.class } : { key: 'classInCounty', county: v.region, class: v.class };
  }
  const bound = decodeRankCursor(v.after) ?? { points: 2_147_483_647, stewardId: '00000000-0000-0000-0000-000000000000' };
  const rows = (await pool.query({ ...PAGE[scope.key], values: [v.period, ...scopeParams(scope), bound.points, bound.stewardId, first + 1] })).rows;
  const above = rows[0]?.above ?? 0;
  const tiedBefore = rows[0]?.tiedBefore ?? 0;
  const page = rows.slice(0, first).map((r) => ({ stewardId: r.stewardId, number: r.number, points: Number(r.points) }));
  const ranks = competitionRanks(
    page.map((r) => r.points),
    above + 1,
    above + tiedBefore,
  );
  send(res, 200, {
    data: {
      rankings: {
        items: page.map((r, i) => ({ rank: ranks[i], stewardId: r.stewardId, number: r.number, points: r.points })),
        pageInfo: { endCursor: page.length ? encodeRankCursor(page.at(-1)) : null, hasNextPage: rows.length > first },
      },
    },
  });
}

/** TaskService.claim without the actor's region check. */
async function claim(res, taskId, personId) {
  if (typeof taskId !== 'string' || !UUID.test(taskId)) throw new Refusal('VALIDATION', 'taskId: must be an id');
  const task = (await pool.query({ ...SQL.taskById, values: [taskId] })).rows[0];
  if (!task) throw new Refusal('NOT_FOUND', `task ${taskId} not found`);
  const steward = UUID.test(personId ?? '') ? (await pool.query({ ...SQL.stewardByPerson, values: [personId] })).rows[0] : undefined;
  if (!steward) throw new Refusal('CONFLICT', 'only an enrolled steward may do this', 'NOT_A_STEWARD');
  const client = await pool.connect();
  let view;
  try {
    await client.query('begin');
    try {
      const t = (await client.query(SQL.lockTask, [taskId])).rows[0];
      if (t.status !== 'published') throw new Refusal('CONFLICT', `the task is ${t.status}`, 'TASK_CLOSED');
      if (new Date(t.deadline).getTime() <= Date.now()) throw new Refusal('CONFLICT', 'the task is past its deadline', 'TASK_EXPIRED');
      const required = t.requiredClasses.map(Number);
      if (required.length && !required.includes(Number(steward.class))) throw new Refusal('CONFLICT', `this task is for stewards of class ${required.join(', ')}`, 'CLASS_NOT_ALLOWED');
      if ((await client.query(SQL.claimOf, [taskId, steward.id])).rows.length) throw new Refusal('CONFLICT', 'you have already claimed this task', 'ALREADY_CLAIMED');
      if (t.claimed >= t.capacity) throw new Refusal('CONFLICT', 'every place on this task is taken', 'TASK_FULL');
      const id = randomUUID();
      await client.query(SQL.insertClaim, [id, taskId, steward.id, steward.personId]);
      await client.query(SQL.addClaimed, [1, taskId]);
      const county = t.region.split('/')[1] ?? 'city';
      const source = `/gov/tasks/task/${t.id}`;
      await client.query(SQL.outboxAdd, [
        source,
        randomUUID(),
        `evt.${county}.tasks.task.claimed.v1`,
        'gov.tasks.task.claimed.v1',
        source,
        county,
        null,
        JSON.stringify({ taskId, claimId: id, stewardId: steward.id }),
      ]);
      view = (await client.query(SQL.lockClaim, [id])).rows[0];
      await client.query('commit');
    } catch (err) {
      await client.query('rollback').catch(() => {});
      throw err;
    }
  } finally {
    client.release();
  }
  send(res, 200, { data: { claimTask: { id: view.id, taskId: view.taskId, stewardId: view.stewardId, status: view.status } } });
}

serveBaseline({
  pool,
  poolMax,
  graphql: async ({ query, variables: v }, req, res) => {
    try {
      if (query.includes('claimTask')) await claim(res, v.taskId, req.headers['x-bench-person']);
      else if (query.includes('rankings')) await rankings(res, v);
      else throw new Refusal('VALIDATION', 'unknown operation');
    } catch (err) {
      // A refusal is answered as the gateway answers it; anything else is the server's 500.
      if (err instanceof Refusal) gqlError(res, err.message, err.code, err.reason);
      else throw err;
    }
  },
});
