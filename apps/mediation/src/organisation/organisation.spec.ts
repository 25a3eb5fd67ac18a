// Mediation organisations and their mediators over NATS: creation at the level of their region,
// lists of what lies in, above or below the caller's regions, mediators added and updated by the
// region's admins with their load of open cases, the mediators a case may go to, county isolation,
// and refusals that change nothing.
import type { Actor } from '@gov/kernel';
import { MediationRpc, type MediatorView, type OrganisationView } from '@gov/mediation-contracts';
import { OrganisationRepository } from '@gov/mediation-data-access';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext, eventually, readEvents } from '@gov/platform-testing';
import { randomUUID } from 'node:crypto';
import { actorOf, agreedCase, assignedCase, knownPersons, mediatingCase, publishEvent, walkInCase } from '../fixtures.js';
import { startMediation, type MediationTestApp } from '../testing.js';

const t = new TestContext();
let app: MediationTestApp;
let rpc: RpcClient;

const DONGBAO = 'jingmen/dongbao';
const LONGQUAN = `${DONGBAO}/longquan`;
const XIANGSHAN = `${LONGQUAN}/xiangshan`;
const QUANFENG = `${LONGQUAN}/quanfeng`;
const GRID = `${XIANGSHAN}/g03`;
const BAISHIPO = 'jingmen/duodao/duodaoshi/baishipo';

const countyAdmin = actorOf('county_admin', DONGBAO);
const streetAdmin = actorOf('street_admin', LONGQUAN);
const communityAdmin = actorOf('community_admin', XIANGSHAN);
const quanfengAdmin = actorOf('community_admin', QUANFENG);
const gridWorker = actorOf('grid_worker', GRID);
const resident = actorOf('resident', GRID);
const duodaoAdmin = actorOf('county_admin', 'jingmen/duodao');

const call = <T>(subject: string, input: unknown, actor: Actor = communityAdmin) => rpc.request<T>(subject, input, { actor });
const sql = <T extends object>(text: string, params: unknown[] = []) => app.em().execute<T[]>(text.replaceAll('{s}', `"${app.config.DB_SCHEMA}"`), params);
const countOf = async (table: string) => Number((await sql<{ n: string }>(`select count(*) as n from {s}.${table}`))[0]!.n);

/** Everything a refused call must leave as it was. */
const snapshot = async () => ({
  tables: await Promise.all(['organisation', 'mediator', 'outbox_event'].map(countOf)),
  mediators: JSON.stringify(await sql(`select * from {s}.mediator order by id`)),
});
async function expectRefused(work: Promise<unknown>, refusal: Record<string, unknown>): Promise<void> {
  const before = await snapshot();
  await expect(work).rejects.toMatchObject(refusal);
  expect(await snapshot()).toEqual(before);
}

const create = (input: { kind: string; name: string; region: string }, actor: Actor = communityAdmin) => call<OrganisationView>(MediationRpc.organisationCreate, input, actor);
const committee = (region = XIANGSHAN, actor: Actor = communityAdmin) => create({ kind: 'committee', name: `人民调解委员会-${randomUUID().slice(0, 4)}`, region }, actor);
/** Persons mediation knows in both counties (stewards in Dongbao, a household in Duodao): mediators name only known persons. */
let pool: string[] = [];
const nextPerson = () => pool.shift()!;
const addMediator = (organisationId: string, over: Record<string, unknown> = {}, actor: Actor = communityAdmin) =>
  call<MediatorView>(MediationRpc.mediatorAdd, { organisationId, personId: nextPerson(), name: '陈国华', specialities: ['neighbours'], ...over }, actor);
const updateMediator = (input: Record<string, unknown>, actor: Actor = communityAdmin) => call<MediatorView>(MediationRpc.mediatorUpdate, input, actor);
const organisations = (input: Record<string, unknown> = {}, actor: Actor = communityAdmin) => call<OrganisationView[]>(MediationRpc.organisationList, input, actor);
const mediators = (input: Record<string, unknown> = {}, actor: Actor = communityAdmin) => call<MediatorView[]>(MediationRpc.mediatorList, input, actor);
const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

async function eventsOf(type: string, subject: string, count = 1) {
  return eventually(async () => {
    const e = await readEvents(await t.nats(), t.ns, (e) => e.type === type && e.subject === subject);
    return e.length >= count ? e : undefined;
  }, 10_000);
}

/** How the API carries a case into each state; a closed one is assigned first, then withdrawn. */
const CARRY = { assigned: assignedCase, mediating: mediatingCase, agreed: agreedCase, closed: assignedCase } as const;

/** The shared walk-in at `region`, opened at its community and carried by mediator `m` into `state` through the API. */
async function caseCarried(region: string, m: MediatorView, state: keyof typeof CARRY): Promise<void> {
  const c = await CARRY[state]({ rpc, admin: countyAdmin, mediator: m }, walkInCase({ region, level: 'community' }));
  if (state === 'closed') await call(MediationRpc.caseClose, { caseId: c.id, outcome: 'withdrawn' }, countyAdmin);
}

beforeAll(async () => {
  app = await startMediation(t.env('mediation', { OUTBOX_POLL_MS: '50' }));
  rpc = await t.rpc();
  pool = await knownPersons(t, app, GRID, 40);
  const household = randomUUID();
  const duodaoGrid = `${BAISHIPO}/g01`;
  await publishEvent(t, { service: 'grids', aggregate: 'household', event: 'registered' }, duodaoGrid, household, {
    id: household, buildingId: randomUUID(), region: `${duodaoGrid}/b1`, members: pool.map((personId) => ({ personId, relation: '其他' })),
  });
  await eventually(async () => {
    const rows = await app.em().execute<{ n: number }[]>(`select count(*)::int as n from "${app.config.DB_SCHEMA}".household_member_ref where household_id = ?`, [household]);
    return rows[0]!.n === pool.length ? true : undefined;
  });
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

describe('creating organisations', () => {
  it('creates one at each level, the level following its region, and announces it', async () => {
    const centre = await create({ kind: 'county_centre', name: '东宝区矛盾纠纷调处化解中心', region: DONGBAO }, countyAdmin);
    const studio = await create({ kind: 'judge_studio', name: '龙泉法官工作室', region: LONGQUAN }, streetAdmin);
    const community = await create({ kind: 'committee', name: '象山社区人民调解委员会', region: XIANGSHAN });
    const elders = await create({ kind: 'five_elders', name: '象山三网格五老调解队', region: GRID }, countyAdmin);
    expect([centre, studio, community, elders].map((o) => [o.kind, o.level])).toEqual([
      ['county_centre', 'county'],
      ['judge_studio', 'street'],
      ['committee', 'community'],
      ['five_elders', 'grid'],
    ]);
    expect(community).toEqual({ id: expect.any(String), kind: 'committee', name: '象山社区人民调解委员会', region: XIANGSHAN, level: 'community', mediatorCount: 0, openCases: 0, createdAt: expect.any(String) });
    const [event] = await eventsOf('gov.mediation.organisation.created.v1', community.id);
    expect(event!.data).toEqual({ id: community.id, kind: 'committee', name: '象山社区人民调解委员会', region: XIANGSHAN, level: 'community', createdAt: community.createdAt });
  });

  it('refuses a kind at the wrong level or a region that is no grid, community, street or county', async () => {
    const invalid = { code: 'VALIDATION', fields: [{ path: 'region', message: expect.any(String) }] };
    await expectRefused(create({ kind: 'county_centre', name: '象山中心', region: XIANGSHAN }, countyAdmin), invalid);
    await expectRefused(create({ kind: 'committee', name: '东宝区调委会', region: DONGBAO }, countyAdmin), invalid);
    await expectRefused(create({ kind: 'committee', name: '荆门市调委会', region: 'jingmen' }, countyAdmin), invalid);
    await expectRefused(create({ kind: 'five_elders', name: '楼栋调解队', region: `${GRID}/b12` }, countyAdmin), invalid);
  });

  it('lets only admins of the region or above create one, and hides other counties', async () => {
    await expectRefused(committee(GRID, gridWorker), { code: 'FORBIDDEN' });
    await expectRefused(committee(XIANGSHAN, resident), { code: 'FORBIDDEN' });
    // A community admin sees the street above, but does not manage it.
    await expectRefused(create({ kind: 'judge_studio', name: '龙泉法官工作室', region: LONGQUAN }), { code: 'FORBIDDEN' });
    await expectRefused(committee(QUANFENG), { code: 'NOT_FOUND' });
    await expectRefused(committee(XIANGSHAN, duodaoAdmin), { code: 'NOT_FOUND' });
    expect(await committee(BAISHIPO, duodaoAdmin)).toMatchObject({ region: BAISHIPO, level: 'community' });
  });
});

describe('listing organisations', () => {
  const STREET = `${DONGBAO}/niushan`;
  const WULIPU = `${STREET}/wulipu`;
  const admin = actorOf('community_admin', WULIPU);
  const streetAdminHere = actorOf('street_admin', STREET);
  const orgs: Record<'street' | 'community' | 'g01' | 'g02' | 'sibling', OrganisationView> = {} as never;
  const mine = (xs: OrganisationView[]) => ids(xs).filter((id) => Object.values(orgs).some((o) => o.id === id));

  beforeAll(async () => {
    orgs.street = await create({ kind: 'judge_studio', name: '牛山法官工作室', region: STREET }, streetAdminHere);
    orgs.community = await committee(WULIPU, admin);
    orgs.g01 = await create({ kind: 'five_elders', name: '五里铺一网格五老队', region: `${WULIPU}/g01` }, admin);
    orgs.g02 = await create({ kind: 'five_elders', name: '五里铺二网格五老队', region: `${WULIPU}/g02` }, admin);
    orgs.sibling = await committee(`${STREET}/shuanghe`, streetAdminHere);
  });

  it("shows what lies in, above or below the caller's regions, top first", async () => {
    expect(mine(await organisations({ first: 100 }, admin))).toEqual([orgs.street.id, orgs.community.id, orgs.g01.id, orgs.g02.id]);
    expect(mine(await organisations({ first: 100 }, actorOf('resident', `${WULIPU}/g01`)))).toEqual([orgs.street.id, orgs.community.id, orgs.g01.id]);
    expect(mine(await organisations({ first: 100 }, streetAdminHere))).toEqual([orgs.street.id, orgs.sibling.id, orgs.community.id, orgs.g01.id, orgs.g02.id]);
  });

  it('narrows to a subtree and pages with first', async () => {
    expect(ids(await organisations({ region: `${WULIPU}/g02` }, admin))).toEqual([orgs.g02.id]);
    // The street's subtree as the community admin sees it: the street's own, not the sibling community's.
    expect(ids(await organisations({ region: STREET }, admin))).toEqual([orgs.street.id, orgs.community.id, orgs.g01.id, orgs.g02.id]);
    expect(ids(await organisations({ region: WULIPU, first: 2 }, admin))).toEqual([orgs.community.id, orgs.g01.id]);
  });

  it("keeps counties apart: another county's regions are not found and its organisations not listed", async () => {
    await expect(organisations({ region: STREET }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(organisations({ region: `${STREET}/shuanghe` }, admin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(mine(await organisations({ first: 100 }, duodaoAdmin))).toEqual([]);
  });
});

describe('mediators', () => {
  let org: OrganisationView;
  beforeAll(async () => {
    org = await committee();
  });

  it('adds a mediator with specialities and capacity, announces it without the name, and counts it on the organisation', async () => {
    const personId = nextPerson();
    const m = await addMediator(org.id, { personId, name: '陈国华', specialities: ['neighbours', 'property_management'] });
    expect(m).toEqual({
      id: expect.any(String),
      organisationId: org.id,
      organisationName: org.name,
      personId,
      name: '陈国华',
      region: XIANGSHAN,
      level: 'community',
      specialities: ['neighbours', 'property_management'],
      available: true,
      capacity: 8,
      load: 0,
    });
    const [event] = await eventsOf('gov.mediation.mediator.added.v1', m.id);
    expect(event!.data).toEqual({ id: m.id, organisationId: org.id, personId, region: XIANGSHAN, level: 'community', specialities: ['neighbours', 'property_management'], available: true, capacity: 8 });
    await addMediator(org.id, { name: '刘桂芝', capacity: 3 }, streetAdmin);
    expect((await organisations({ region: XIANGSHAN, first: 100 })).find((o) => o.id === org.id)).toMatchObject({ mediatorCount: 2, openCases: 0 });
    // The same person may mediate for another organisation, but only once for each.
    const elders = await create({ kind: 'five_elders', name: '象山五老调解队', region: GRID });
    expect(await addMediator(elders.id, { personId })).toMatchObject({ organisationId: elders.id, personId, level: 'grid' });
    await expectRefused(addMediator(org.id, { personId, name: '陈国华' }), { code: 'CONFLICT', reason: 'ALREADY_A_MEDIATOR' });
  });

  it('updates only the settings asked for, announces the change, and writes nothing when nothing changes', async () => {
    const m = await addMediator(org.id, { specialities: ['marriage_family'] });
    const off = await updateMediator({ id: m.id, available: false }, streetAdmin);
    expect(off).toEqual({ ...m, available: false });
    const changed = await updateMediator({ id: m.id, specialities: ['marriage_family', 'labour_injury'], capacity: 12 });
    expect(changed).toEqual({ ...m, available: false, specialities: ['marriage_family', 'labour_injury'], capacity: 12 });
    const events = await eventsOf('gov.mediation.mediator.updated.v1', m.id, 2);
    expect(events.map((e) => (e.data as { capacity: number }).capacity)).toEqual([8, 12]);
    const before = await snapshot();
    expect(await updateMediator({ id: m.id, specialities: ['labour_injury', 'marriage_family'], available: false })).toEqual(changed);
    expect(await snapshot()).toEqual(before);
  });

  it('lets only admins of the region or above add and update mediators', async () => {
    const m = await addMediator(org.id);
    await expectRefused(addMediator(org.id, {}, gridWorker), { code: 'FORBIDDEN' });
    await expectRefused(addMediator(org.id, {}, resident), { code: 'FORBIDDEN' });
    await expectRefused(updateMediator({ id: m.id, capacity: 1 }, gridWorker), { code: 'FORBIDDEN' });
    // The street's studio is above the community admin: seen, not managed.
    const studio = await create({ kind: 'judge_studio', name: '龙泉法官工作室', region: LONGQUAN }, streetAdmin);
    await expectRefused(addMediator(studio.id), { code: 'FORBIDDEN' });
    const judge = await addMediator(studio.id, { name: '赵法官' }, countyAdmin);
    await expectRefused(updateMediator({ id: judge.id, available: false }), { code: 'FORBIDDEN' });
  });

  it("answers another county's or community's organisation and mediator as missing ones", async () => {
    const m = await addMediator(org.id);
    const unknownOrganisation = { code: 'NOT_FOUND', reason: 'UNKNOWN_ORGANISATION' };
    const unknownMediator = { code: 'NOT_FOUND', reason: 'UNKNOWN_MEDIATOR' };
    await expectRefused(addMediator(org.id, {}, duodaoAdmin), unknownOrganisation);
    await expectRefused(addMediator(org.id, {}, quanfengAdmin), unknownOrganisation);
    await expectRefused(addMediator(randomUUID()), unknownOrganisation);
    await expectRefused(updateMediator({ id: m.id, capacity: 2 }, duodaoAdmin), unknownMediator);
    await expectRefused(updateMediator({ id: randomUUID(), capacity: 2 }), unknownMediator);
    await expect(mediators({ organisationId: org.id }, duodaoAdmin)).rejects.toMatchObject(unknownOrganisation);
    await expect(mediators({ region: XIANGSHAN }, duodaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(ids(await mediators({ first: 100 }, duodaoAdmin))).not.toContain(m.id);
  });
});

describe('listing mediators', () => {
  it('lists the mediators of the organisations the caller sees, by organisation or subtree', async () => {
    const STREET = `${DONGBAO}/ziling`;
    const admin = actorOf('street_admin', STREET);
    const a = await committee(`${STREET}/a1`, admin);
    const b = await committee(`${STREET}/b1`, admin);
    const ma = await addMediator(a.id, { name: '甲' }, admin);
    const mb = await addMediator(b.id, { name: '乙' }, admin);
    expect(ids(await mediators({ organisationId: a.id }, admin))).toEqual([ma.id]);
    expect(ids(await mediators({ region: `${STREET}/b1` }, admin))).toEqual([mb.id]);
    expect(ids(await mediators({ region: STREET }, admin))).toEqual([ma.id, mb.id]);
    expect(ids(await mediators({ region: STREET, first: 1 }, admin))).toEqual([ma.id]);
    // Community a1's own admin reads a1's mediators, not b1's.
    const a1Admin = actorOf('community_admin', `${STREET}/a1`);
    const seen = ids(await mediators({ first: 100 }, a1Admin));
    expect(seen).toContain(ma.id);
    expect(seen).not.toContain(mb.id);
    await expect(mediators({ organisationId: b.id }, a1Admin)).rejects.toMatchObject({ code: 'NOT_FOUND', reason: 'UNKNOWN_ORGANISATION' });
  });
});

describe('load and the mediators a case may go to', () => {
  const COMMUNITY = `${LONGQUAN}/longjing`;
  const HERE = `${COMMUNITY}/g01`;

  it("counts a mediator's assigned, mediating and agreed cases as load, and the organisation's as open cases", async () => {
    const org = await committee(COMMUNITY, streetAdmin);
    const busy = await addMediator(org.id, { name: '孙德明', capacity: 4 }, streetAdmin);
    const idle = await addMediator(org.id, { name: '周小红' }, streetAdmin);
    for (const state of ['assigned', 'mediating', 'agreed', 'closed'] as const) await caseCarried(HERE, busy, state);
    await caseCarried(HERE, idle, 'closed');

    const listed = await mediators({ organisationId: org.id }, streetAdmin);
    expect(Object.fromEntries(listed.map((m) => [m.name, [m.load, m.capacity]]))).toEqual({ 孙德明: [3, 4], 周小红: [0, 8] });
    expect((await organisations({ region: COMMUNITY }, streetAdmin)).find((o) => o.id === org.id)).toMatchObject({ mediatorCount: 2, openCases: 3 });
  });

  it("offers a case the mediators of every organisation over its place and the county's, none of a sibling or another county", async () => {
    const centre = await create({ kind: 'county_centre', name: '东宝区调处化解中心（二）', region: DONGBAO }, countyAdmin);
    const community = await committee(COMMUNITY, streetAdmin);
    const grid = await create({ kind: 'five_elders', name: '龙井一网格五老队', region: HERE }, streetAdmin);
    const otherGrid = await create({ kind: 'five_elders', name: '龙井二网格五老队', region: `${COMMUNITY}/g02` }, streetAdmin);
    const sibling = await committee(QUANFENG, quanfengAdmin);
    const duodao = await committee(BAISHIPO, duodaoAdmin);
    const offered = [
      await addMediator(centre.id, { specialities: ['labour_injury'] }, countyAdmin),
      await addMediator(community.id, {}, streetAdmin),
      await addMediator(grid.id, { specialities: ['land_boundary'] }, streetAdmin),
    ];
    const unavailable = await updateMediator({ id: (await addMediator(grid.id, {}, streetAdmin)).id, available: false }, streetAdmin);
    const notOffered = [await addMediator(otherGrid.id, {}, streetAdmin), await addMediator(sibling.id, {}, quanfengAdmin), await addMediator(duodao.id, {}, duodaoAdmin)];

    const found = await app.app.get(OrganisationRepository).mediatorsForCase('dongbao', HERE);
    const foundIds = ids(found);
    for (const m of [...offered, unavailable]) expect(foundIds).toContain(m.id);
    for (const m of notOffered) expect(foundIds).not.toContain(m.id);
    const inGrid = offered[2]!;
    expect(found.find((m) => m.id === inGrid.id)).toMatchObject({ region: HERE, level: 'grid', specialities: ['land_boundary'], available: true, capacity: 8, load: 0, personId: inGrid.personId });
    expect(found.find((m) => m.id === unavailable.id)).toMatchObject({ available: false });
    // Nearest organisation first.
    expect(found[0]!.region).toBe(HERE);
  });
});
