// Who mediates a case: suggestions ranked by speciality, nearness and load with the conflicts of
// interest found from grids' households (the same household, the same building, a declared
// relative, the party themself); assignment refuses a conflicted, full, unavailable or
// wrong-level mediator with a coded error that changes nothing, and an admin's override is
// audited and published.
import type { Actor } from '@gov/kernel';
import { MediationRpc, type MediationCaseView, type MediatorSuggestionView, type MediatorView, type OpenCaseInput, type OrganisationView } from '@gov/mediation-contracts';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext, eventually, readEvents } from '@gov/platform-testing';
import { randomUUID } from 'node:crypto';
import { actorOf, knownPersons, makeKnown, publishEvent } from '../fixtures.js';
import { startMediation, type MediationTestApp } from '../testing.js';

const t = new TestContext();
let app: MediationTestApp;
let rpc: RpcClient;

const XIANGSHAN = 'jingmen/dongbao/longquan/xiangshan';
const GRID = `${XIANGSHAN}/g01`;
const admin = actorOf('community_admin', XIANGSHAN);
const duodaoAdmin = actorOf('county_admin', 'jingmen/duodao');
const gridWorker = actorOf('grid_worker', GRID);
const HOUSEHOLD_REGISTERED = { service: 'grids', aggregate: 'household', event: 'registered' } as const;

const sql = <T extends object>(text: string, params: unknown[] = []) => app.em().execute<T[]>(text.replaceAll('{s}', `"${app.config.DB_SCHEMA}"`), params);
const call = <T>(subject: string, input: unknown, actor: Actor = admin) => rpc.request<T>(subject, input, { actor });

/** Persons: two parties and the mediators' people, some of them the parties' neighbours. */
const applicant = randomUUID();
const respondent = randomUUID();
const neighbourInBuilding = randomUUID();
const sameHousehold = randomUUID();
const relative = randomUUID();
const stranger = randomUUID();
const busy = randomUUID();
const building = randomUUID();

let org: OrganisationView;
const mediators: Record<string, MediatorView> = {};

function dispute(over: Partial<OpenCaseInput> = {}): OpenCaseInput {
  return {
    source: 'walk_in',
    category: 'neighbours',
    title: '楼道堆物引发邻里争执',
    facts: '象山新村2栋住户在楼道堆放杂物，对门住户多次劝说未果，双方发生口角。',
    region: GRID,
    parties: [
      { role: 'applicant', name: '陈桂芳', personId: applicant, relatedPersonIds: [relative] },
      { role: 'respondent', name: '周志强', personId: respondent },
    ],
    ...over,
  };
}

beforeAll(async () => {
  app = await startMediation(t.env('mediation', { OUTBOX_POLL_MS: '50' }));
  rpc = await t.rpc();
  // grids' registry: the applicant lives with `sameHousehold`; `neighbourInBuilding` in another flat of the same building.
  const flatA = randomUUID();
  const flatB = randomUUID();
  await publishEvent(t, HOUSEHOLD_REGISTERED, GRID, flatA, { id: flatA, buildingId: building, number: '2-301', region: `${GRID}/b2`, members: [{ personId: applicant, relation: '户主' }, { personId: sameHousehold, relation: '配偶' }] });
  await publishEvent(t, HOUSEHOLD_REGISTERED, GRID, flatB, { id: flatB, buildingId: building, number: '2-302', region: `${GRID}/b2`, members: [{ personId: neighbourInBuilding, relation: '户主' }] });
  await eventually(async () => {
    const rows = await sql<{ n: number }>(`select count(*)::int as n from {s}.household_member_ref where person_id in (?, ?, ?)`, [applicant, sameHousehold, neighbourInBuilding]);
    return rows[0]!.n === 3 ? true : undefined;
  });
  await makeKnown(t, app, GRID, [respondent, relative, stranger, busy]);
  org = await call<OrganisationView>(MediationRpc.organisationCreate, { kind: 'committee', name: '象山社区第一网格调解小组', region: GRID });
  const add = async (key: string, personId: string, specialities: string[], capacity = 8) =>
    (mediators[key] = await call<MediatorView>(MediationRpc.mediatorAdd, { organisationId: org.id, personId, name: `调解员${key}`, specialities, capacity }));
  await add('neighbour', neighbourInBuilding, ['neighbours']);
  await add('household', sameHousehold, ['neighbours']);
  await add('relative', relative, ['neighbours']);
  await add('party', respondent, ['neighbours']);
  await add('stranger', stranger, ['neighbours', 'property_management']);
  await add('busy', busy, ['neighbours'], 1);
  await add('generalist', (await knownPersons(t, app, GRID))[0]!, ['consumer']);
});
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

describe('suggesting mediators', () => {
  it('ranks free specialists first and shows every conflict it finds', async () => {
    const c = await call<MediationCaseView>(MediationRpc.caseOpen, dispute());
    const s = await call<MediatorSuggestionView[]>(MediationRpc.mediatorSuggest, { caseId: c.id, first: 10 });
    const byName = Object.fromEntries(s.map((x) => [x.name, x]));
    expect(new Set(s.slice(0, 2).map((x) => x.name))).toEqual(new Set(['调解员stranger', '调解员busy']));
    expect(byName['调解员generalist']!.score).toBeLessThan(byName['调解员stranger']!.score);
    expect(byName['调解员neighbour']!.conflicts).toEqual([{ kind: 'same_building', partyId: c.parties[0]!.id, partyName: '陈桂芳' }]);
    expect(byName['调解员household']!.conflicts.map((x) => x.kind)).toEqual(['same_household']);
    expect(byName['调解员relative']!.conflicts.map((x) => x.kind)).toEqual(['declared_relation']);
    expect(byName['调解员party']!.conflicts.map((x) => x.kind)).toEqual(['is_party']);
    // Conflicted mediators come after every free one.
    const firstConflicted = s.findIndex((x) => x.conflicts.length > 0);
    expect(s.slice(firstConflicted).every((x) => x.conflicts.length > 0)).toBe(true);
    await expect(call(MediationRpc.mediatorSuggest, { caseId: c.id }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('assigning a mediator', () => {
  it('assigns a free mediator, counts the load and publishes the assignment', async () => {
    const c = await call<MediationCaseView>(MediationRpc.caseOpen, dispute());
    const assigned = await call<MediationCaseView>(MediationRpc.mediatorAssign, { caseId: c.id, mediatorId: mediators.busy!.id });
    expect(assigned).toMatchObject({ state: 'assigned', mediatorId: mediators.busy!.id, mediatorName: '调解员busy', organisationId: org.id });
    const events = await eventually(async () => {
      const e = await readEvents(await t.nats(), t.ns, (x) => x.type === 'gov.mediation.case.assigned.v1' && x.subject === c.id);
      return e.length ? e : undefined;
    });
    expect(events[0]!.data).toMatchObject({ mediatorId: mediators.busy!.id, state: 'assigned' });
    // At capacity (1): another case cannot have them.
    const other = await call<MediationCaseView>(MediationRpc.caseOpen, dispute());
    await expect(call(MediationRpc.mediatorAssign, { caseId: other.id, mediatorId: mediators.busy!.id })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'MEDIATOR_UNAVAILABLE' });
    const mine = await call<MediatorView[]>(MediationRpc.mediatorList, { organisationId: org.id, first: 20 });
    expect(mine.find((m) => m.id === mediators.busy!.id)!.load).toBe(1);
  });

  it('refuses a conflicted mediator without a reason and changes nothing', async () => {
    const c = await call<MediationCaseView>(MediationRpc.caseOpen, dispute());
    for (const key of ['neighbour', 'household', 'relative', 'party'])
      await expect(call(MediationRpc.mediatorAssign, { caseId: c.id, mediatorId: mediators[key]!.id })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'CONFLICT_OF_INTEREST' });
    const after = await call<MediationCaseView>(MediationRpc.caseGet, { id: c.id });
    expect(after).toMatchObject({ state: 'opened', mediatorId: null });
    expect(await sql(`select * from {s}.conflict_override where case_id = ?`, [c.id])).toEqual([]);
  });

  it('assigns a conflicted mediator with an admin’s reason, audited and published', async () => {
    const c = await call<MediationCaseView>(MediationRpc.caseOpen, dispute());
    const reason = '村里仅此一名调解员熟悉情况，双方当事人书面同意';
    const assigned = await call<MediationCaseView>(MediationRpc.mediatorAssign, { caseId: c.id, mediatorId: mediators.neighbour!.id, overrideReason: reason });
    expect(assigned.mediatorId).toBe(mediators.neighbour!.id);
    const audit = await sql<{ reason: string; actor_account_id: string; conflicts: { kind: string }[] }>(`select reason, actor_account_id, conflicts from {s}.conflict_override where case_id = ?`, [c.id]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ reason, actor_account_id: admin.accountId });
    expect(audit[0]!.conflicts.map((x) => x.kind)).toEqual(['same_building']);
    const events = await eventually(async () => {
      const e = await readEvents(await t.nats(), t.ns, (x) => x.type === 'gov.mediation.case.conflict-overridden.v1' && x.subject === c.id);
      return e.length ? e : undefined;
    });
    expect(events[0]!.data).toMatchObject({ override: reason, mediatorId: mediators.neighbour!.id });
    expect(JSON.stringify(events[0]!.data)).not.toContain('陈桂芳');
  });

  it('keeps assignment to admins of the place, mediators of its level and county, open cases', async () => {
    const c = await call<MediationCaseView>(MediationRpc.caseOpen, dispute());
    await expect(call(MediationRpc.mediatorAssign, { caseId: c.id, mediatorId: mediators.stranger!.id }, gridWorker)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(call(MediationRpc.mediatorAssign, { caseId: c.id, mediatorId: mediators.stranger!.id }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(call(MediationRpc.mediatorAssign, { caseId: c.id, mediatorId: randomUUID() })).rejects.toMatchObject({ code: 'NOT_FOUND', reason: 'UNKNOWN_MEDIATOR' });
    // Escalated to the community, the grid's mediators no longer serve it.
    await call(MediationRpc.caseEscalate, { caseId: c.id, reason: '网格调解未果' });
    await expect(call(MediationRpc.mediatorAssign, { caseId: c.id, mediatorId: mediators.stranger!.id })).rejects.toMatchObject({ code: 'VALIDATION', reason: 'MEDIATOR_WRONG_LEVEL' });
    expect(await call<MediatorSuggestionView[]>(MediationRpc.mediatorSuggest, { caseId: c.id })).toEqual([]);
    const closed = await call<MediationCaseView>(MediationRpc.caseOpen, dispute());
    await call(MediationRpc.caseClose, { caseId: closed.id, outcome: 'withdrawn' });
    await expect(call(MediationRpc.mediatorAssign, { caseId: closed.id, mediatorId: mediators.stranger!.id })).rejects.toMatchObject({ code: 'CONFLICT', reason: 'WRONG_STATE' });
    const after = await call<MediationCaseView>(MediationRpc.caseGet, { id: c.id });
    expect(after).toMatchObject({ state: 'opened', level: 'community', mediatorId: null });
  });

  it('lets the assigned mediator see and escalate the case, and complete a placeholder party', async () => {
    const c = await call<MediationCaseView>(MediationRpc.caseOpen, dispute({ parties: [{ role: 'applicant', name: '诉求人' }, { role: 'respondent', name: '对方当事人（待核实）' }] }));
    await call(MediationRpc.mediatorAssign, { caseId: c.id, mediatorId: mediators.stranger!.id });
    const mediator: Actor = { ...actorOf('mediator', GRID), personId: stranger };
    const updated = await call<MediationCaseView>(MediationRpc.partyUpdate, { caseId: c.id, partyId: c.parties[1]!.id, name: '周志强', phone: '13600001111', personId: respondent }, mediator);
    expect(updated.parties[1]).toMatchObject({ name: '周志强', phoneMasked: '136****1111', personId: respondent });
    const someoneElse: Actor = { ...actorOf('mediator', 'jingmen/dongbao/longquan/jinlongquan'), personId: randomUUID() };
    await expect(call(MediationRpc.partyUpdate, { caseId: c.id, partyId: c.parties[1]!.id, name: '王五' }, someoneElse)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const up = await call<MediationCaseView>(MediationRpc.caseEscalate, { caseId: c.id, reason: '涉及物业公司，需社区协调' }, mediator);
    expect(up).toMatchObject({ level: 'community', state: 'opened', mediatorId: null });
  });
});
