// County isolation, proven for every operation (issue 6). The sweep is built from the gateway
// schema: every query and mutation that takes an object id, or an input with an id, a region or a
// grid, is called by county A's admin (Dongbao) with county B's objects (Duodao), one argument at a
// time, the others filled with A's own valid objects. Each call must
//   - answer FORBIDDEN or NOT_FOUND, and exactly what the same call with an id (or region) that
//     exists nowhere answers — a refusal must not tell that the object exists;
//   - show none of B's data anywhere in the body (ids, names, phone and ID digits, unit code,
//     region paths — error messages included);
//   - leave B's rows unchanged.
// A new operation is swept without a new test (isolation.ts says how arguments are classified);
// one can be left out only in EXEMPT, with the reason.
import { buildSchema, graphqlSync } from 'graphql';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { eventually } from '@gov/platform-testing';
import { WEBHOOK_FANOUT_CONSUMER, WebhookReceiver } from '@gov/integrations';
import { jetstreamManager } from '@nats-io/jetstream';
import { codeOf, idCard, startPlatform, type Platform } from './harness.js';
import { booleanCombinations, operations, variables, type Kind, type Operation, type Target } from './isolation.js';

const SDL = readFileSync(new URL('../../gateway/schema.graphql', import.meta.url), 'utf8');
const ops = operations(buildSchema(SDL));

/** Operations that take no object id, region or grid: nothing of B's can be put into them. */
const EXEMPT: Record<string, string> = {
  login: 'takes a login and a password, no object id; it answers only about the account signing in',
  myPoints: "takes no arguments and answers about the calling steward only (still read below, as a plain read, for B data)",
  myClaims: "takes only filters and a cursor over the calling steward's own claims (still read below, as a plain read)",
  myRedemptions: "takes only filters and a cursor over the calling steward's own redemptions (still read below, as a plain read)",
  myVouchers: "takes only filters and a cursor over the calling steward's own vouchers (still read below, as a plain read)",
  refreshToken: "takes the caller's own refresh token, no object id",
  logout: "takes the caller's own refresh token, no object id",
  me: 'takes no arguments and answers about the caller only (still read below, as a plain read, for B data)',
  gridLayers: 'takes no arguments; the layers are city-wide configuration, no county data (still read below, as a plain read, for B data)',
  createGridLayer: "adds a city-wide layer (city admins only); it takes no county's object",
  locate: "takes a point, not an object; the answer is cut to the caller's regions (grids region.spec: another county sees only what lies above it)",
  resolveQr: 'takes the printed token, which is the credential (anyone holding the code may scan it); a forged or revoked one is refused (grids qr.spec)',
  importRegions: "its regions are paths inside the GeoJSON text, each checked against the caller's grants: another county's path is FORBIDDEN and nothing is written (grids territory-io spec)",
  petitionByTrackingCode: "takes the resident's tracking code, which is the credential (60 random bits, printed on the receipt); it answers the public view, without contact or staff notes (petitions petition.spec)",
  buildingNotices: 'takes the printed QR token, which is the credential: the results published to that building (结果公示); a forged or revoked one is refused by grids',
  categories: 'the city-wide taxonomy, public (the QR page reads it without sign-in); no county data (still read below, as a plain read)',
  departments: "takes no arguments and answers the departments of the caller's own counties (still read below, as a plain read, for B data)",
  updateCategory: "edits the city-wide taxonomy (city admins only); it takes a category key, no county's object",
  open311Keys: "takes no arguments and lists the Open311 keys of the caller's own counties (still read below, as a plain read, for B data)",
  agreementTemplates: 'the city-wide agreement templates (人民调解协议书), no county data (still read below, as a plain read)',
};

/**
 * Arguments that filter a list instead of naming an object. B's id must get exactly the answer an
 * unknown id gets (an empty page), and no B data.
 */
const FILTERS: Record<string, string> = {
  'petitions.departmentId': "a filter over petitions already limited to the caller's regions: B's department gives the same empty page as an unknown one",
  'mediationCases.mediatorId': "a filter over cases already limited to the caller's regions: B's mediator gives the same empty page as an unknown one",
  'mediationCases.organisationId': "a filter over cases already limited to the caller's regions: B's organisation gives the same empty page as an unknown one",
  'auditLog.targetId':
    "a filter over audit entries, which are already limited to the caller's regions; any string can be a target (person, steward, unit, account, grant), so B's id gives the same empty page as an unknown one",
};

/** Which of B's objects each reference kind (an id argument) is swept with. */
const B_REFS: Record<string, string[]> = {
  person: ['person'],
  unit: ['unit'],
  steward: ['steward'],
  grant: ['grant'],
  reportsTo: ['steward'],
  target: ['person', 'steward', 'unit', 'grant', 'account'],
  // grids: nodes of the region tree by id, and what hangs off them.
  region: ['countyNode', 'gridNode'],
  regionConnection: ['countyNode'],
  subtreeCount: ['countyNode'],
  parent: ['gridNode'],
  newParent: ['countyNode'],
  covers: ['countyNode'],
  grid: ['gridNode'],
  building: ['building'],
  household: ['household'],
  centralHead: ['centralHead'],
  gridStaff: ['staff'],
  partyOrg: ['partyOrg'],
  secretaryPerson: ['person'],
  // A party organisation's parent is another organisation (`<return type>:<kind>` comes first).
  'partyOrg:parent': ['partyOrg'],
  // tasks: its own objects, and grids' places and identity's persons as tasks knows them.
  task: ['task'],
  claim: ['claim'],
  place: ['place'],
  merchant: ['merchant'],
  item: ['item'],
  contactPerson: ['person'],
  lotteryDraw: ['lotteryDraw'],
  microWish: ['microWish'],
  pointsAdjustment: ['pointsAdjustment'],
  redemptionCode: ['redemptionCode'],
  // petitions: its own objects (a petition read through its timeline, contact or duplicates is still the petition).
  petition: ['petition'],
  publicPetition: ['petition'],
  contact: ['petition'],
  timelineEntry: ['petition'],
  duplicateCandidate: ['petition'],
  duplicateOf: ['petition'],
  department: ['department'],
  whistle: ['whistle'],
  attachment: ['attachment'],
  evidenceAttachment: ['attachment'],
  proposal: ['proposal'],
  proposalResult: ['proposal'],
  open311Key: ['open311Key'],
  // mediation: its own objects, petitions' petitions (a case's or an agenda item's source) and identity's persons (parties, mediators, attendees).
  mediationCase: ['mediationCase'],
  case: ['mediationCase'],
  party: ['party'],
  attendedParty: ['party'],
  mediator: ['mediator'],
  organisation: ['organisation'],
  mediationMeeting: ['meeting'],
  meeting: ['meeting'],
  sourceMeeting: ['meeting'],
  agendaItem: ['agendaItem'],
  source: ['petition'],
  sourcePetition: ['petition'],
  mediationFollowUp: ['followUp'],
  session: ['session'],
  committeeItem: ['committeeItem'],
  relatedPerson: ['person'],
  // integrations: webhooks (rotating a secret or deleting answers the webhook in another shape) and their deliveries.
  webhook: ['webhook'],
  webhookWithSecret: ['webhook'],
  deletedWebhook: ['webhook'],
  webhookDelivery: ['webhookDelivery'],
};
/** Which of B's region paths each path argument (`region`, `grid`) is swept with. */
const B_PATHS: Record<string, string[]> = {
  region: ['county', 'grid'],
  grid: ['grid', 'county'],
  community: ['community'],
  county: ['county'],
};
/** A's objects for each reference kind, by the name `a` keeps them under. */
const A_REFS: Record<string, string> = {
  person: 'person', unit: 'unit', steward: 'steward', grant: 'grant', reportsTo: 'leader', target: 'person',
  region: 'gridNode', regionConnection: 'countyNode', subtreeCount: 'countyNode', parent: 'gridNode', newParent: 'community', covers: 'gridNode', grid: 'gridNode',
  building: 'building', household: 'household', centralHead: 'centralHead', gridStaff: 'staff', partyOrg: 'partyGroup', secretaryPerson: 'person',
  task: 'task', claim: 'claim', place: 'place', merchant: 'merchant', item: 'item', contactPerson: 'sweepSteward', lotteryDraw: 'lotteryDraw',
  microWish: 'microWish', pointsAdjustment: 'pointsAdjustment', redemptionCode: 'redemptionCode',
  petition: 'petition', publicPetition: 'petition', contact: 'petition', timelineEntry: 'petition', duplicateCandidate: 'petition', duplicateOf: 'petition',
  department: 'department', whistle: 'whistle', attachment: 'attachment', evidenceAttachment: 'evidence', proposal: 'proposal', proposalResult: 'proposal',
  open311Key: 'open311Key',
  mediationCase: 'mediationCase', case: 'mediationCase', party: 'party', attendedParty: 'party', mediator: 'mediator', organisation: 'organisation',
  mediationMeeting: 'meeting', meeting: 'meeting', sourceMeeting: 'meeting', agendaItem: 'agendaItem', source: 'petition', sourcePetition: 'petition',
  mediationFollowUp: 'followUp', session: 'session', committeeItem: 'committeeItem', relatedPerson: 'person',
  // The control deletes a webhook of its own, not the one the other controls read.
  webhook: 'webhook', webhookWithSecret: 'webhook', deletedWebhook: 'webhookToDelete', webhookDelivery: 'webhookDelivery',
};

interface Case {
  op: Operation;
  target: Target;
  b: string;
  booleans: Record<string, boolean>;
}
const cases: [string, Case][] = [];
const unplanned: string[] = [];
for (const op of ops) {
  if (op.name in EXEMPT) continue;
  for (const target of op.targets) {
    const names = target.kind.type === 'region' ? B_PATHS[target.kind.of] : (B_REFS[`${op.returns}:${target.kind.of}`] ?? B_REFS[target.kind.of]);
    if (!names) {
      unplanned.push(`${op.name}(${target.path.join('.')}): no county-B fixture for "${target.kind.of}"; add one to B_REFS`);
      continue;
    }
    for (const b of names) {
      for (const booleans of booleanCombinations(op.booleans)) {
        const flags = Object.entries(booleans).map(([k, v]) => `, ${k}: ${v}`).join('');
        cases.push([`${op.name}(${target.path.join('.')} = B's ${b}${flags})`, { op, target, b, booleans }]);
      }
    }
  }
}
const sweptOps = ops.filter((op) => !(op.name in EXEMPT) && op.targets.length > 0);
/** Queries that need no argument: read plainly by A, they must show nothing of B's. */
const plainReads = ops.filter((op) => op.root === 'query' && op.field.args.every((a) => !String(a.type).endsWith('!')));

/** A rectangle as a GeoJSON polygon. */
const box = (w: number, s: number, e: number, n: number) => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
const aGrid = 'jingmen/dongbao/quankou/xiangshan/g01';
const aGrid2 = 'jingmen/dongbao/quankou/xiangshan/g02';
const bGrid = 'jingmen/duodao/zhanghe/hongqiao/g01';
const aCommunityPath = 'jingmen/dongbao/quankou/xiangshan';
const bCommunityPath = 'jingmen/duodao/zhanghe/hongqiao';

let p: Platform;
/** Where both counties' webhooks deliver (it answers 204). */
const receiver = new WebhookReceiver();
let tokenA: string;
let tokenB: string;
let cityToken: string;
/** A's own objects: valid values for every argument but the one swept. */
const a: Record<string, string> = {};
/** B's objects, and the strings that would show one of them leaked (value → what it is). */
const b: Record<string, string> = {};
const needles = new Map<string, string>();

async function ok<T = any>(query: string, vars: Record<string, unknown>, token: string): Promise<T> {
  const r = await p.gql(query, vars, token);
  if (r.errors) throw new Error(`fixture failed: ${query} ${JSON.stringify(r.errors)}`);
  return r.data;
}
const register = (token: string, i: Record<string, unknown>) => ok(`mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id phone idCardNumber } }`, { i }, token).then((d) => d.registerPerson);
const enroll = (token: string, i: Record<string, unknown>) => ok(`mutation($i: EnrollStewardInput!) { enrollSteward(input: $i) { id number } }`, { i }, token).then((d) => d.enrollSteward);
const grant = (token: string, i: Record<string, unknown>) => ok(`mutation($i: GrantRoleInput!) { grantRole(input: $i) { id accountId } }`, { i }, token).then((d) => d.grantRole);
const createUnit = (token: string, i: Record<string, unknown>) => ok(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }`, { i }, token).then((d) => d.createUnit);

beforeAll(async () => {
  p = await startPlatform();
  tokenA = await p.login('dongbao-admin', 'dongbao-2026');
  tokenB = await p.login('duodao-admin', 'duodao-2026');
  cityToken = await p.login('city-admin', 'demo-city-2026');

  // grids first: the city and both counties by the city admin, each county's tree by its own admin,
  // down to the grids the persons below live in, and a building on each side. Identity places units
  // and grants only on regions of grids' tree, so it must have these from grids' events before them.
  const node = (token: string, i: Record<string, unknown>) => ok(`mutation($i: CreateRegionInput!) { createRegion(input: $i) { id } }`, { i }, token).then((d) => d.createRegion.id as string);
  const city = await node(cityToken, { parentId: null, code: 'jingmen', name: '荆门市', shape: box(111.8, 30.6, 112.8, 31.6) });
  a.countyNode = await node(cityToken, { parentId: city, code: 'dongbao', name: '东宝区', shape: box(112.0, 31.0, 112.5, 31.5) });
  b.countyNode = await node(cityToken, { parentId: city, code: 'duodao', name: '掇刀区', shape: box(112.0, 30.6, 112.5, 31.0) });
  const aStreet = await node(tokenA, { parentId: a.countyNode, code: 'quankou', name: '泉口街道', shape: box(112.15, 31.0, 112.25, 31.1) });
  const aCommunity = (a.community = await node(tokenA, { parentId: aStreet, code: 'xiangshan', name: '象山社区', shape: box(112.18, 31.02, 112.21, 31.05) }));
  a.gridNode = await node(tokenA, { parentId: aCommunity, code: 'g01', name: '象山社区第一网格', shape: box(112.18, 31.02, 112.195, 31.05) });
  await node(tokenA, { parentId: aCommunity, code: 'g02', name: '象山社区第二网格', shape: box(112.195, 31.02, 112.21, 31.05) });
  // A's building stands in a compound, so that A has the whole party chain (community → compound → building).
  a.compound = await node(tokenA, { parentId: a.gridNode, code: 'xq1', name: '象山小区', kind: 'compound', shape: box(112.183, 31.0295, 112.188, 31.0325) });
  a.building = await node(tokenA, { parentId: a.compound, code: 'b1', name: '象山1栋', location: { lat: 31.03, lng: 112.185 } });
  const bStreet = await node(tokenB, { parentId: b.countyNode, code: 'zhanghe', name: '掇刀漳河街道', shape: box(112.15, 30.9, 112.25, 30.99) });
  const bCommunity = await node(tokenB, { parentId: bStreet, code: 'hongqiao', name: '掇刀虹桥社区', shape: box(112.18, 30.92, 112.21, 30.95) });
  b.gridNode = await node(tokenB, { parentId: bCommunity, code: 'g01', name: '掇刀虹桥第一网格', shape: box(112.18, 30.92, 112.21, 30.95) });
  b.building = await node(tokenB, { parentId: b.gridNode, code: 'b1', name: '掇刀虹桥1栋', location: { lat: 30.93, lng: 112.19 } });
  await p.identityKnows(['jingmen/dongbao', 'jingmen/duodao', aGrid, aGrid2, bGrid]);

  // County B (Duodao), created by B's own admin through the gateway.
  const bPhone = '13622223333';
  const bIdCard = idCard(41, undefined, '420804');
  b.unit = (await createUnit(tokenB, { code: 'DDSW', name: '掇刀区扫码办', kind: 'liaison_unit', region: 'jingmen/duodao' })).id;
  const bPerson = await register(tokenB, { name: '掇刀居民甲', phone: bPhone, idCardNumber: bIdCard, region: bGrid, username: 'dd-sweep', password: 'dd-sweep-2026' });
  b.person = bPerson.id;
  const bSteward = await enroll(tokenB, { personId: b.person, class: 3, unitId: b.unit, grid: bGrid, sentinelRole: 'group_leader' });
  b.steward = bSteward.id;
  const bGrant = await grant(tokenB, { personId: b.person, role: 'grid_worker', region: bGrid });
  b.grant = bGrant.id;
  b.account = bGrant.accountId;
  b.county = 'jingmen/duodao';
  b.grid = bGrid;
  // A second B resident, whom the city enrols as a steward in A's grid below.
  const b2Phone = '13622224444';
  const b2IdCard = idCard(42, undefined, '420804');
  const b2 = await register(tokenB, { name: '掇刀居民乙', phone: b2Phone, idCardNumber: b2IdCard, region: bGrid });

  for (const k of ['unit', 'person', 'steward', 'grant', 'account'] as const) needles.set(b[k]!, `${k} id`);
  needles.set('掇刀', 'a name (掇刀…)');
  needles.set('duodao', 'a region path or username (duodao)');
  needles.set('dd-sweep', 'username');
  needles.set('DDSW', 'unit code / steward number');
  needles.set(bSteward.number, 'steward number');
  for (const [full, masked] of [
    [bPhone, bPerson.phone],
    [bIdCard, bPerson.idCardNumber],
    [b2Phone, b2.phone],
    [b2IdCard, b2.idCardNumber],
  ]) {
    needles.set(full, 'phone or ID number');
    needles.set(masked, 'masked phone or ID number');
  }

  // County A (Dongbao), by A's admin.
  a.unit = (await createUnit(tokenA, { code: 'DBSW', name: '东宝区扫码办', kind: 'liaison_unit', region: 'jingmen/dongbao' })).id;
  a.person = (await register(tokenA, { name: '东宝居民甲', phone: '13511110001', idCardNumber: idCard(51), region: aGrid, username: 'db-sweep', password: 'db-sweep-2026' })).id;
  const leader = await register(tokenA, { name: '东宝组长', phone: '13511110002', idCardNumber: idCard(52), region: aGrid2 });
  a.leader = (await enroll(tokenA, { personId: leader.id, class: 6, unitId: a.unit, grid: aGrid2, sentinelRole: 'group_leader' })).id;
  const member = await register(tokenA, { name: '东宝红管家', phone: '13511110003', idCardNumber: idCard(53), region: aGrid });
  a.steward = (await enroll(tokenA, { personId: member.id, class: 6, unitId: a.unit, grid: aGrid })).id;
  a.grant = (await grant(tokenA, { personId: a.person, role: 'resident', region: aGrid })).id;
  // A's steward whose person lives in B (a city admin may enrol anyone anywhere): A may see the
  // steward, never B's person behind it — not through `person`, nor through the card.
  a.mixed = (await enroll(cityToken, { personId: b2.id, class: 5, unitId: a.unit, grid: aGrid })).id;

  // grids again: a household with its head, a central-household head and a grid worker on each side
  // (grids knows the persons above from identity's events).
  const household = (token: string, buildingId: string) => ok(`mutation($i: RegisterHouseholdInput!) { registerHousehold(input: $i) { id } }`, { i: { buildingId, number: '1-101' } }, token).then((d) => d.registerHousehold.id as string);
  a.household = await household(tokenA, a.building);
  b.household = await household(tokenB, b.building);
  // The persons reach grids through identity's events: wait until each side's head can be added.
  const addHead = (token: string, householdId: string, personId: string) =>
    eventually(() => p.gql(`mutation($i: AddHouseholdMemberInput!) { addHouseholdMember(input: $i) { id } }`, { i: { householdId, personId, relation: 'head' } }, token).then((r) => (r.errors ? undefined : r.data)), 20_000);
  await addHead(tokenA, a.household, a.person);
  await addHead(tokenB, b.household, b.person);
  const head = (token: string, householdId: string, personId: string) =>
    ok(`mutation($i: AppointCentralHeadInput!) { appointCentralHead(input: $i) { id } }`, { i: { householdId, personId, partyMember: true } }, token).then((d) => d.appointCentralHead.id as string);
  a.centralHead = await head(tokenA, a.household, a.person);
  b.centralHead = await head(tokenB, b.household, b.person);
  const staff = (token: string, gridId: string, personId: string, name: string) =>
    ok(`mutation($i: AssignGridStaffInput!) { assignGridStaff(input: $i) { id } }`, { i: { layerKey: 'comprehensive', gridId, personId, name } }, token).then((d) => d.assignGridStaff.id as string);
  a.staff = await staff(tokenA, a.gridNode, a.person, '象山网格员');
  b.staff = await staff(tokenB, b.gridNode, b.person, '掇刀网格员');
  // The party overlay: A's chain down to its building with A's head in the building's group; B's community organisation.
  const partyOrg = (token: string, i: Record<string, unknown>) => ok(`mutation($i: CreatePartyOrgInput!) { createPartyOrg(input: $i) { id } }`, { i }, token).then((d) => d.createPartyOrg.id as string);
  a.partyOrg = await partyOrg(tokenA, { kind: 'community_org', regionId: aCommunity, name: '象山社区党委', secretaryPersonId: a.person });
  a.partyBranch = await partyOrg(tokenA, { kind: 'compound_branch', regionId: a.compound, parentId: a.partyOrg, name: '象山小区党支部' });
  a.partyGroup = await partyOrg(tokenA, { kind: 'building_group', regionId: a.building, parentId: a.partyBranch, name: '象山1栋党小组' });
  await ok(`mutation($c: ID!, $o: ID!) { linkCentralHeadToParty(centralHeadId: $c, partyOrgId: $o) { id } }`, { c: a.centralHead, o: a.partyGroup }, tokenA);
  b.partyOrg = await partyOrg(tokenB, { kind: 'community_org', regionId: bCommunity, name: '掇刀虹桥社区党委', secretaryPersonId: b.person });
  for (const k of ['countyNode', 'gridNode', 'building', 'household', 'centralHead', 'staff', 'partyOrg'] as const) needles.set(b[k]!, `grids ${k} id`);

  // tasks: an office in each community (grids), which tasks learns from grids' events, as it learns
  // the stewards from identity's. A's resident with a login becomes a steward too, so both sides
  // have a steward who signs in.
  const office = (token: string, regionId: string, name: string, location: { lat: number; lng: number }) =>
    ok(`mutation($i: CreatePlaceInput!) { createPlace(input: $i) { id } }`, { i: { kind: 'office', name, regionId, location } }, token).then((d) => d.createPlace.id as string);
  const aPoint = { lat: 31.03, lng: 112.186 };
  const bPoint = { lat: 30.93, lng: 112.19 };
  a.place = await office(tokenA, a.community, '象山社区居委会', aPoint);
  b.place = await office(tokenB, bCommunity, '掇刀虹桥社区居委会', bPoint);
  // A's steward with a login, a person of their own (A's persons above keep their roles in identity's sweep).
  a.sweepSteward = (await register(tokenA, { name: '东宝红管家乙', phone: '13511110004', idCardNumber: idCard(54), region: aGrid, username: 'db-steward', password: 'db-steward-2026' })).id;
  a.personSteward = (await enroll(tokenA, { personId: a.sweepSteward, class: 6, unitId: a.unit, grid: aGrid })).id;
  await grant(tokenA, { personId: a.sweepSteward, role: 'steward', region: aGrid });
  const k = `"${p.tasks.config.DB_SCHEMA}"`;
  await eventually(async () => {
    const [row] = await p.tasks.em().execute<{ places: string; stewards: string }[]>(
      `select (select count(*) from ${k}.place_ref where id in (?, ?)) as places, (select count(*) from ${k}.steward_ref where id in (?, ?, ?)) as stewards`,
      [a.place, b.place, a.steward, a.personSteward, b.steward],
    );
    return Number(row!.places) === 2 && Number(row!.stewards) === 3 ? true : undefined;
  }, 20_000);
  const stewardA = await p.login('db-steward', 'db-steward-2026');
  const stewardB = await p.login('dd-sweep', 'dd-sweep-2026');
  const deadline = new Date(Date.now() + 7 * 24 * 3600_000).toISOString();
  const publish = (token: string, region: string, title: string, location: { lat: number; lng: number }) =>
    ok(`mutation($i: PublishTaskInput!) { publishTask(input: $i) { id } }`, { i: { kind: 'dispatched', title, region, location, points: 10, capacity: 3, deadline } }, token).then((d) => d.publishTask.id as string);
  // Each side's steward does a task, its admin verifies it and rates it five stars (a voucher).
  const work = async (adminToken: string, stewardToken: string, taskId: string, at: { lat: number; lng: number }) => {
    const claim = (await ok(`mutation($t: ID!) { claimTask(taskId: $t) { id } }`, { t: taskId }, stewardToken)).claimTask.id as string;
    await ok(`mutation($t: ID!, $l: LatLngInput!) { checkIn(taskId: $t, location: $l) { id } }`, { t: taskId, l: at }, stewardToken);
    await ok(`mutation($t: ID!) { submitTask(taskId: $t, note: "已完成") { id } }`, { t: taskId }, stewardToken);
    await ok(`mutation($c: ID!) { verifyTask(claimId: $c, approve: true) { id } }`, { c: claim }, adminToken);
    await ok(`mutation($c: ID!) { rateTask(claimId: $c, stars: 5) { id } }`, { c: claim }, adminToken);
    return claim;
  };
  a.task = await publish(tokenA, aGrid, '象山楼道清理', aPoint);
  b.task = await publish(tokenB, bGrid, '掇刀楼道清理', bPoint);
  a.claim = await work(tokenA, stewardA, a.task, aPoint);
  b.claim = await work(tokenB, stewardB, b.task, bPoint);
  const merchant = (token: string, region: string, name: string) =>
    ok(`mutation($i: CreateMerchantInput!) { createMerchant(input: $i) { id } }`, { i: { name, region } }, token).then((d) => d.createMerchant.id as string);
  const item = (token: string, merchantId: string, name: string) =>
    ok(`mutation($i: CreateRewardItemInput!) { createRewardItem(input: $i) { id } }`, { i: { merchantId, name, pricePoints: 5, stock: 10 } }, token).then((d) => d.createRewardItem.id as string);
  const redeem = (token: string, itemId: string) => ok(`mutation($i: ID!) { redeem(itemId: $i) { code } }`, { i: itemId }, token).then((d) => d.redeem.code as string);
  a.merchant = await merchant(tokenA, 'jingmen/dongbao', '象山红色超市');
  b.merchant = await merchant(tokenB, 'jingmen/duodao', '掇刀红色超市');
  a.item = await item(tokenA, a.merchant, '象山食用油');
  b.item = await item(tokenB, b.merchant, '掇刀食用油');
  a.redemptionCode = await redeem(stewardA, a.item);
  b.redemptionCode = await redeem(stewardB, b.item);
  const draw = (token: string, region: string, title: string) =>
    ok(`mutation($i: DrawLotteryInput!) { drawLottery(input: $i) { id } }`, { i: { region, title, winners: 1 } }, token).then((d) => d.drawLottery.id as string);
  a.lotteryDraw = await draw(tokenA, 'jingmen/dongbao', '象山年终抽奖');
  b.lotteryDraw = await draw(tokenB, 'jingmen/duodao', '掇刀年终抽奖');
  // A's micro-wish is A's admin's (so A's admin may confirm it); B's is B's steward's.
  const wish = (token: string, region: string, title: string, location: { lat: number; lng: number }) =>
    ok(`mutation($i: PostMicroWishInput!) { postMicroWish(input: $i) { id } }`, { i: { category: 'suggestion', title, region, location } }, token).then((d) => d.postMicroWish.id as string);
  a.microWish = await wish(tokenA, aGrid, '象山增设休息座椅', aPoint);
  b.microWish = await wish(stewardB, bGrid, '掇刀增设休息座椅', bPoint);
  // Adjustments: A's requested by the city admin (A's admin may decide it), B's by B's admin.
  const adjust = (token: string, stewardId: string, reason: string, requestKey: string) =>
    ok(`mutation($i: RequestAdjustmentInput!) { requestPointsAdjustment(input: $i) { id } }`, { i: { stewardId, amount: 5, reason, requestKey } }, token).then((d) => d.requestPointsAdjustment.id as string);
  a.pointsAdjustment = await adjust(cityToken, a.steward, '象山补记值守', 'sweep-a-0001');
  b.pointsAdjustment = await adjust(tokenB, b.steward, '掇刀补记值守', 'sweep-b-0001');
  b.community = bCommunityPath;
  for (const k of ['place', 'task', 'claim', 'merchant', 'item', 'lotteryDraw', 'microWish', 'pointsAdjustment', 'redemptionCode'] as const) needles.set(b[k]!, `tasks ${k}`);

  // integrations: a webhook of each county for its petition events (registered before the
  // petitions below, so that each has deliveries), and a second one of A's for the delete control.
  await receiver.open();
  const webhook = (token: string, region: string, name: string) =>
    ok(`mutation($i: CreateWebhookInput!) { createWebhook(input: $i) { webhook { id } } }`, { i: { name, url: receiver.url, region, eventTypes: ['gov.petitions.*'] } }, token).then((d) => d.createWebhook.webhook.id as string);
  a.webhook = await webhook(tokenA, 'jingmen/dongbao', '东宝12345热线');
  a.webhookToDelete = await webhook(tokenA, 'jingmen/dongbao', '东宝临时看板');
  b.webhook = await webhook(tokenB, 'jingmen/duodao', '掇刀12345热线');

  // petitions: a department on each side (identity units petitions learns from identity's events),
  // a hotline petition with a photo taken up at grid level, a whistle, a proposal and an Open311 key.
  a.department = (await createUnit(tokenA, { code: 'DBZJJ', name: '东宝区住房和城乡建设局', kind: 'government_department', region: 'jingmen/dongbao' })).id;
  b.department = (await createUnit(tokenB, { code: 'DDZJJ', name: '掇刀区住房和城乡建设局', kind: 'government_department', region: 'jingmen/duodao' })).id;
  const pt = `"${p.petitions.config.DB_SCHEMA}"`;
  await eventually(async () => {
    const [row] = await p.petitions.em().execute<{ n: string }[]>(`select count(*) as n from ${pt}.department_ref where id in (?, ?)`, [a.department, b.department]);
    return Number(row!.n) === 2 ? true : undefined;
  }, 20_000);
  const upload = async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082', 'hex');
    const res = await fetch(`${p.gateway.url}/uploads`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: png });
    if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  };
  const petition = async (token: string, grid: string, at: { lat: number; lng: number }, photo: string) => {
    const i = { channel: 'hotline', category: 'municipal.streetlight', description: '小区路灯不亮，晚上出行不便。', region: grid, location: at, contact: { name: '来电居民', phone: '13900001111' }, attachmentIds: [photo] };
    const code = (await ok(`mutation($i: SubmitPetitionInput!) { submitPetition(input: $i) { petition { trackingCode } } }`, { i }, token)).submitPetition.petition.trackingCode as string;
    const [row] = await p.petitions.em().execute<{ id: string }[]>(`select id from ${pt}.petition where tracking_code = ?`, [code]);
    const id = row!.id;
    await ok(`mutation($i: ScreenPetitionInput!) { screenPetition(input: $i) { id } }`, { i: { id, outcome: 'valid' } }, token);
    await ok(`mutation($i: AssignPetitionInput!) { assignPetition(input: $i) { id } }`, { i: { id, level: 'grid' } }, token);
    await ok(`mutation($i: PetitionActionInput!) { acceptPetition(input: $i) { id } }`, { i: { id } }, token);
    return { id, code };
  };
  b.attachment = await upload();
  const bPetition = await petition(tokenB, bGrid, bPoint, b.attachment);
  b.petition = bPetition.id;
  a.petition = (await petition(tokenA, aGrid, aPoint, await upload())).id;
  // A's uploads not yet bound: the controls submit and resolve with them.
  a.attachment = await upload();
  a.evidence = await upload();
  const whistle = (token: string, petitionId: string, departmentId: string) =>
    ok(`mutation($i: BlowWhistleInput!) { blowWhistle(input: $i) { id } }`, { i: { petitionId, departmentId, reason: '需要部门到场' } }, token).then((d) => d.blowWhistle.id as string);
  a.whistle = await whistle(tokenA, a.petition, a.department);
  b.whistle = await whistle(tokenB, b.petition, b.department);
  // Proposals under discussion: ballots on A's answer CONFLICT VOTING_NOT_OPEN, past every scope check.
  const proposal = (token: string, region: string, title: string) =>
    ok(`mutation($i: CreateProposalInput!) { createProposal(input: $i) { id } }`, {
      i: { title, body: '是否开设课后托管班', region, questions: [{ text: '是否同意开设' }], discussionEndsAt: new Date(Date.now() + 86_400_000).toISOString(), votingEndsAt: new Date(Date.now() + 8 * 86_400_000).toISOString() },
    }, token).then((d) => d.createProposal.id as string);
  a.proposal = await proposal(tokenA, aCommunityPath, '象山课后托管班');
  b.proposal = await proposal(tokenB, bCommunityPath, '掇刀课后托管班');
  const key = (token: string, county: string) => ok(`mutation($c: String!) { issueOpen311Key(county: $c, label: "12345平台") { id } }`, { c: county }, token).then((d) => d.issueOpen311Key.id as string);
  a.open311Key = await key(tokenA, 'jingmen/dongbao');
  b.open311Key = await key(tokenB, 'jingmen/duodao');
  for (const k of ['department', 'petition', 'attachment', 'whistle', 'proposal', 'open311Key'] as const) needles.set(b[k]!, `petitions ${k}`);
  needles.set(bPetition.code, 'petition tracking code');

  // mediation: on each side an organisation with a mediator, a case (a party with a person) taken
  // to an agreement with a session and a follow-up, a meeting with an agenda item and a list item.
  // Mediation names only persons and petitions it knows from identity's, grids' and petitions'
  // events: wait for them first.
  const md = `"${p.mediation.config.DB_SCHEMA}"`;
  await eventually(async () => {
    const [row] = await p.mediation.em().execute<{ persons: number; sources: number }[]>(
      `select (select count(*)::int from (select person_id from ${md}.steward_ref where person_id in (?, ?)
                 union select person_id from ${md}.household_member_ref where person_id = ?) x) as persons,
              (select count(*)::int from ${md}.source_ref where id in (?, ?)) as sources`,
      [a.sweepSteward, b.person, a.person, a.petition, b.petition],
    );
    return row!.persons === 3 && row!.sources === 2 ? true : undefined;
  }, 20_000);
  const soon = new Date(Date.now() + 2 * 24 * 3600_000).toISOString();
  const later = new Date(Date.now() + 40 * 24 * 3600_000).toISOString().slice(0, 10);
  const mediation = async (token: string, side: Record<string, string>, grid: string, community: string, mediatorPerson: string, partyPerson: string, tag: string) => {
    side.organisation = (await ok(`mutation($i: CreateMediationOrganisationInput!) { createMediationOrganisation(input: $i) { id } }`, { i: { kind: 'committee', name: `${tag}第一网格调解小组`, region: grid } }, token)).createMediationOrganisation.id;
    side.mediator = (await ok(`mutation($i: AddMediatorInput!) { addMediator(input: $i) { id } }`, { i: { organisationId: side.organisation, personId: mediatorPerson, name: `${tag}调解员`, specialities: ['neighbours'] } }, token)).addMediator.id;
    const opened = (
      await ok(`mutation($i: OpenCaseInput!) { openCase(input: $i) { id parties { id } } }`, {
        i: { source: 'walk_in', category: 'neighbours', title: `${tag}楼上漏水纠纷`, facts: `${tag}楼上漏水致楼下受损，双方协商未果。`, region: grid, amountFen: 320000,
          parties: [{ role: 'applicant', name: `${tag}申请人`, personId: partyPerson, phone: tag === '掇刀' ? '13622225555' : '13511115555' }, { role: 'respondent', name: `${tag}被申请人` }] },
      }, token)
    ).openCase;
    side.mediationCase = opened.id;
    side.party = opened.parties[0].id;
    // B's mediator is B's party too: assigned with an override (B then has an audited override to protect).
    await ok(`mutation($i: AssignMediatorInput!) { assignMediator(input: $i) { id } }`, { i: { caseId: opened.id, mediatorId: side.mediator, overrideReason: `${tag}当事人书面同意` } }, token);
    side.session = (await ok(`mutation($i: ScheduleSessionInput!) { scheduleSession(input: $i) { id } }`, { i: { caseId: opened.id, mode: 'in_person', startsAt: soon, place: `${tag}调解室` } }, token)).scheduleSession.id;
    await ok(`mutation($i: DraftAgreementInput!) { draftAgreement(input: $i) { version } }`, {
      i: { caseId: opened.id, template: 'general', facts: `${tag}漏水事实`, terms: ['被申请人修复防水层并赔偿维修费'], performanceMethod: '银行转账', performanceDeadline: later },
    }, token);
    for (const party of opened.parties) await ok(`mutation($i: AcceptAgreementInput!) { acceptAgreement(input: $i) { version } }`, { i: { caseId: opened.id, partyId: party.id, version: 1 } }, token);
    side.followUp = (await ok(`mutation($i: ScheduleFollowUpInput!) { scheduleFollowUp(input: $i) { id } }`, { i: { caseId: opened.id, kind: 'visit', dueOn: later } }, token)).scheduleFollowUp.id;
    side.meeting = (await ok(`mutation($i: ScheduleMeetingInput!) { scheduleMeeting(input: $i) { id } }`, { i: { kind: 'red_bench', region: community, title: `${tag}红板凳议事会`, startsAt: soon, place: `${tag}社区广场` } }, token)).scheduleMeeting.id;
    side.agendaItem = (await ok(`mutation($i: AddAgendaItemInput!) { addAgendaItem(input: $i) { id } }`, { i: { meetingId: side.meeting, source: 'raised', title: `${tag}夜间停车难` } }, token)).addAgendaItem.id;
    side.committeeItem = (await ok(`mutation($i: UpsertCommitteeItemInput!) { upsertCommitteeItem(input: $i) { id } }`, { i: { community, list: 'problems', title: `${tag}夜间停车难` } }, token)).upsertCommitteeItem.id;
  };
  await mediation(tokenB, b, bGrid, bCommunityPath, b.person!, b.person!, '掇刀');
  await mediation(tokenA, a, aGrid, aCommunityPath, a.sweepSteward!, a.person!, '东宝');
  for (const k of ['organisation', 'mediator', 'mediationCase', 'party', 'session', 'followUp', 'meeting', 'agendaItem', 'committeeItem'] as const) needles.set(b[k]!, `mediation ${k}`);
  needles.set('13622225555', "B's party phone");
  needles.set('136****5555', "B's party phone, masked");
  // Each county's webhook has delivered its county's petition events: the fan-out has taken every
  // event so far, and nothing waits to be sent (B's rows stay as they are from here on).
  const jsm = await jetstreamManager(await p.t.nats());
  await eventually(async () => {
    const info = await jsm.consumers.info(p.t.ns.stream('GOV_EVENTS'), WEBHOOK_FANOUT_CONSUMER);
    return info.num_pending === 0 && info.num_ack_pending === 0 ? true : undefined;
  }, 30_000);
  const delivered = (token: string, id: string) =>
    eventually(async () => {
      const r = await p.gql(`query($w: ID!) { webhookDeliveries(webhookId: $w, first: 20) { items { id state } } }`, { w: id }, token);
      const items: { id: string; state: string }[] = r.data?.webhookDeliveries.items ?? [];
      return items.length >= 4 && items.every((d) => d.state === 'delivered') ? items[0]!.id : undefined;
    }, 20_000);
  a.webhookDelivery = await delivered(tokenA, a.webhook);
  b.webhookDelivery = await delivered(tokenB, b.webhook);
  for (const k of ['webhook', 'webhookDelivery'] as const) needles.set(b[k]!, `integrations ${k}`);
}, 240_000);
afterAll(async () => {
  await p?.close();
  await receiver.close();
});

/** A's value for an argument kind. */
const values = {
  a(kind: Kind, returns: string): string {
    const v = kind.type === 'region' ? aRegion(kind.of, returns) : returns === 'partyOrg' && kind.of in A_PARTY ? a[A_PARTY[kind.of]!] : a[A_REFS[kind.of] ?? ''];
    if (!v) throw new Error(`no county-A value for "${kind.of}"`);
    return v;
  },
};
/** A's values for the party overlay's operations: a building group on A's building under A's compound branch (creating it again is a CONFLICT). */
const A_PARTY: Record<string, string> = { region: 'building', parent: 'partyBranch' };
/** A's region for a region argument: micro-wishes are posted at a grid or below. */
function aRegion(of: string, returns: string): string {
  if (of === 'grid' || returns === 'microWish' || returns === 'submittedPetition') return aGrid;
  if (of === 'community' || returns === 'proposal' || returns === 'mediationMeeting') return aCommunityPath;
  return 'jingmen/dongbao';
}
/** A's value of the same kind as B's `bName`: a path of the same level, or A's object of the same kind. */
function aOf(bName: string): string | undefined {
  const paths: Record<string, string> = { county: 'jingmen/dongbao', grid: aGrid, community: aCommunityPath };
  return paths[bName] ?? a[bName];
}
/** What exists nowhere: a fresh id, a county or community the city does not have, a code never issued. */
const UNKNOWN: Record<string, string> = { county: 'jingmen/qita', grid: 'jingmen/qita/jie/she/g01', community: 'jingmen/qita/jie/she', redemptionCode: 'ZZZZZZZZ' };
const unknownFor = (bName: string) => UNKNOWN[bName] ?? randomUUID();

/** B's rows, table by table, straight from the database. */
async function snapshotB(): Promise<Record<string, string>> {
  const s = `"${p.identity.config.DB_SCHEMA}"`;
  const inB = `like 'jingmen/duodao%'`;
  const persons = `select id from ${s}.person where region ${inB}`;
  const accounts = `select id from ${s}.account where person_id in (${persons})`;
  const queries: Record<string, string> = {
    person: `select * from ${s}.person where region ${inB} order by id`,
    unit: `select * from ${s}.unit where region ${inB} order by id`,
    steward: `select * from ${s}.steward where grid ${inB} or person_id in (${persons}) order by id`,
    steward_number_history: `select * from ${s}.steward_number_history where steward_id in (select id from ${s}.steward where grid ${inB}) order by id`,
    account: `select * from ${s}.account where id in (${accounts}) order by id`,
    role_grant: `select * from ${s}.role_grant where region ${inB} or account_id in (${accounts}) order by id`,
  };
  const em = p.identity.em();
  const out: Record<string, string> = {};
  for (const [table, sql] of Object.entries(queries)) out[table] = JSON.stringify(await em.execute(sql));
  const g = `"${p.grids.config.DB_SCHEMA}"`;
  const bRegions = `select id from ${g}.region where path ${inB}`;
  const bHouseholds = `select id from ${g}.household where region_path ${inB}`;
  const gridsQueries: Record<string, string> = {
    region: `select * from ${g}.region where path ${inB} order by id`,
    household: `select * from ${g}.household where region_path ${inB} order by id`,
    household_member: `select * from ${g}.household_member where household_id in (${bHouseholds}) order by person_id`,
    central_head: `select * from ${g}.central_head where region_path ${inB} or household_id in (${bHouseholds}) order by id`,
    party_org: `select * from ${g}.party_org where region_path ${inB} order by id`,
    grid_staff: `select * from ${g}.grid_staff where region_id in (${bRegions}) order by id`,
    place: `select * from ${g}.place where region_path ${inB} order by id`,
    layer_grid: `select * from ${g}.layer_grid where region_path ${inB} order by id`,
    building_qr: `select * from ${g}.building_qr where building_id in (${bRegions}) order by building_id`,
  };
  const gem = p.grids.em();
  for (const [table, sql] of Object.entries(gridsQueries)) out[`grids.${table}`] = JSON.stringify(await gem.execute(sql));
  const k = `"${p.tasks.config.DB_SCHEMA}"`;
  const bTasks = `select id from ${k}.task where region ${inB}`;
  const bStewards = `select id from ${k}.steward_ref where grid ${inB}`;
  const bMerchants = `select id from ${k}.merchant where region ${inB}`;
  const bItems = `select id from ${k}.reward_item where merchant_id in (${bMerchants})`;
  const tasksQueries: Record<string, string> = {
    task: `select * from ${k}.task where region ${inB} order by id`,
    task_claim: `select * from ${k}.task_claim where task_id in (${bTasks}) or steward_id in (${bStewards}) order by id`,
    points_txn: `select * from ${k}.points_txn where county = 'duodao' order by id`,
    points_balance: `select * from ${k}.points_balance where steward_id in (${bStewards}) order by steward_id`,
    points_adjustment: `select * from ${k}.points_adjustment where steward_id in (${bStewards}) order by id`,
    voucher: `select * from ${k}.voucher where county = 'duodao' order by id`,
    lottery_draw: `select * from ${k}.lottery_draw where county = 'duodao' order by id`,
    merchant: `select * from ${k}.merchant where region ${inB} order by id`,
    reward_item: `select * from ${k}.reward_item where id in (${bItems}) order by id`,
    redemption: `select * from ${k}.redemption where item_id in (${bItems}) or steward_id in (${bStewards}) order by id`,
    micro_wish: `select * from ${k}.micro_wish where region ${inB} order by id`,
    duty_checkin: `select * from ${k}.duty_checkin where community ${inB} order by id`,
    honour_config: `select * from ${k}.honour_config where county ${inB} order by county`,
  };
  const tem = p.tasks.em();
  for (const [table, sql] of Object.entries(tasksQueries)) out[`tasks.${table}`] = JSON.stringify(await tem.execute(sql));
  const pt = `"${p.petitions.config.DB_SCHEMA}"`;
  const bPetitions = `select id from ${pt}.petition where region ${inB}`;
  const petitionsQueries: Record<string, string> = {
    petition: `select * from ${pt}.petition where region ${inB} order by id`,
    petition_event: `select * from ${pt}.petition_event where petition_id in (${bPetitions}) order by seq`,
    petition_attachment: `select * from ${pt}.petition_attachment where petition_id in (${bPetitions}) order by id`,
    contact_access: `select * from ${pt}.contact_access where petition_id in (${bPetitions}) order by seq`,
    whistle: `select * from ${pt}.whistle where county ${inB} order by id`,
    proposal: `select * from ${pt}.proposal where region ${inB} order by id`,
    vote: `select * from ${pt}.vote where proposal_id in (select id from ${pt}.proposal where region ${inB}) order by id`,
    open311_api_key: `select * from ${pt}.open311_api_key where county ${inB} order by id`,
  };
  const pem = p.petitions.em();
  for (const [table, sql] of Object.entries(petitionsQueries)) out[`petitions.${table}`] = JSON.stringify(await pem.execute(sql));
  const md = `"${p.mediation.config.DB_SCHEMA}"`;
  const bCases = `select id from ${md}.mediation_case where county = 'duodao'`;
  const bMeetings = `select id from ${md}.meeting where county = 'duodao'`;
  const mediationQueries: Record<string, string> = {
    organisation: `select * from ${md}.organisation where county = 'duodao' order by id`,
    mediator: `select * from ${md}.mediator where organisation_id in (select id from ${md}.organisation where county = 'duodao') order by id`,
    mediation_case: `select * from ${md}.mediation_case where county = 'duodao' order by id`,
    case_party: `select * from ${md}.case_party where case_id in (${bCases}) order by id`,
    case_timeline: `select * from ${md}.case_timeline where case_id in (${bCases}) order by seq`,
    contact_access: `select * from ${md}.contact_access where case_id in (${bCases}) order by seq`,
    conflict_override: `select * from ${md}.conflict_override where case_id in (${bCases}) order by seq`,
    session: `select * from ${md}.session where case_id in (${bCases}) order by id`,
    agreement: `select * from ${md}.agreement where case_id in (${bCases}) order by case_id, version`,
    follow_up: `select * from ${md}.follow_up where case_id in (${bCases}) order by id`,
    meeting: `select * from ${md}.meeting where county = 'duodao' order by id`,
    agenda_item: `select * from ${md}.agenda_item where meeting_id in (${bMeetings}) order by id`,
    decision: `select * from ${md}.decision where meeting_id in (${bMeetings}) order by id`,
    committee_item: `select * from ${md}.committee_item where county = 'duodao' order by id`,
  };
  const mem = p.mediation.em();
  for (const [table, sql] of Object.entries(mediationQueries)) out[`mediation.${table}`] = JSON.stringify(await mem.execute(sql));
  const ig = `"${p.integrations.config.DB_SCHEMA}"`;
  const bWebhooks = `select id from ${ig}.webhook where county = 'duodao'`;
  const integrationsQueries: Record<string, string> = {
    webhook: `select * from ${ig}.webhook where county = 'duodao' order by id`,
    webhook_delivery: `select * from ${ig}.webhook_delivery where webhook_id in (${bWebhooks}) order by seq`,
    webhook_attempt: `select * from ${ig}.webhook_attempt where delivery_id in (select id from ${ig}.webhook_delivery where webhook_id in (${bWebhooks})) order by id`,
  };
  const iem = p.integrations.em();
  for (const [table, sql] of Object.entries(integrationsQueries)) out[`integrations.${table}`] = JSON.stringify(await iem.execute(sql));
  return out;
}

/** The body as text, with the id the caller passed taken out of error messages (echoing it tells nothing; the unknown-id comparison checks that). */
function text(r: { body: any }, echoed?: string): string {
  const errors = r.body.errors?.map((e: any) => ({ ...e, message: echoed ? String(e.message).split(echoed).join('<arg>') : e.message }));
  return JSON.stringify({ data: r.body.data, errors });
}
const leaks = (r: { body: any }, echoed?: string) => [...needles].filter(([n]) => text(r, echoed).includes(n)).map(([n, what]) => `B's ${what} "${n}"`);
const message = (r: { errors?: any[] }, arg: string) => (r.errors?.[0]?.message === undefined ? undefined : String(r.errors[0].message).split(arg).join('<arg>'));
const answer = (r: { errors?: any[] }, arg: string) => (r.errors ? `${codeOf(r)} "${message(r, arg)}"` : 'data');

const TYPE_REF = `name kind ofType { name kind ofType { name kind ofType { name kind } } }`;
const SIGNATURES = `{ __schema { types { name kind fields { name type { ${TYPE_REF} } args { name defaultValue type { ${TYPE_REF} } } } inputFields { name type { ${TYPE_REF} } } enumValues { name } } } }`;
/** Every type, field, argument and input field with its type, as sorted lines. */
function signatures(data: any): string[] {
  const ref = (t: any): string => (t.kind === 'NON_NULL' ? `${ref(t.ofType)}!` : t.kind === 'LIST' ? `[${ref(t.ofType)}]` : t.name);
  return data.__schema.types
    .filter((t: any) => !t.name.startsWith('__'))
    .flatMap((t: any) => [
      `${t.kind} ${t.name}`,
      ...(t.fields ?? []).map((f: any) => `${t.name}.${f.name}(${f.args.map((x: any) => `${x.name}: ${ref(x.type)}${x.defaultValue ? ` = ${x.defaultValue}` : ''}`).join(', ')}): ${ref(f.type)}`),
      ...(t.inputFields ?? []).map((f: any) => `${t.name}.${f.name}: ${ref(f.type)}`),
      ...(t.enumValues ?? []).map((v: any) => `${t.name}.${v.name}`),
    ])
    .sort();
}

describe('the schema the sweep is built from', () => {
  it('is the schema the running gateway serves', async () => {
    // A compact introspection (the standard one is far above the gateway's cost limit), asked of
    // the gateway and of the committed schema alike.
    const live = await p.gql(SIGNATURES, {}, tokenA);
    expect(live.errors).toBeUndefined();
    const committed = graphqlSync({ schema: buildSchema(SDL), source: SIGNATURES });
    expect(signatures(live.data)).toEqual(signatures(committed.data));
  });

  it('has no operation that is neither swept nor exempted with a reason', () => {
    const problems = [
      ...ops.filter((op) => !(op.name in EXEMPT) && op.targets.length === 0).map((op) => `${op.name} takes no id, region or grid: sweep it (name its arguments) or exempt it with a reason`),
      ...ops.filter((op) => op.name in EXEMPT && op.targets.length > 0).map((op) => `${op.name} is exempted but takes ${op.targets.map((t) => t.path.join('.')).join(', ')}`),
      ...Object.keys(EXEMPT).filter((n) => !ops.some((op) => op.name === n)).map((n) => `EXEMPT names ${n}, which the schema no longer has`),
      ...Object.keys(FILTERS).filter((k) => !cases.some(([, c]) => `${c.op.name}.${c.target.path.join('.')}` === k)).map((k) => `FILTERS names ${k}, which the sweep never calls`),
      ...unplanned,
    ];
    expect(problems).toEqual([]);
    expect(sweptOps.length).toBeGreaterThan(0);
  });
});

describe("county A's admin calls every operation with county B's objects", () => {
  it.each(cases)('%s', async (_label, c) => {
    const bValue = b[c.b]!;
    const unknown = unknownFor(c.b);
    const echo = c.target.kind.type === 'ref';
    const before = await snapshotB();
    const r = await p.gql(c.op.document, variables(c.op, values, { path: c.target.path, value: bValue }, c.booleans), tokenA);
    const u = await p.gql(c.op.document, variables(c.op, values, { path: c.target.path, value: unknown }, c.booleans), tokenA);
    const after = await snapshotB();

    const problems: string[] = [];
    if (FILTERS[`${c.op.name}.${c.target.path.join('.')}`]) {
      if (r.errors) problems.push(`answers ${answer(r, bValue)} where it filters`);
      if (text(r, bValue).split(bValue).join('<arg>') !== text(u, unknown).split(unknown).join('<arg>')) problems.push(`answers B's ${c.b} differently from an unknown one: ${text(r)} vs ${text(u)}`);
    } else {
      const code = codeOf(r);
      // A refusal of the value's shape (a grid where the operation takes a county) says nothing
      // about whose it is, when A's own value of the same kind gets the very same answer.
      const own = code === 'VALIDATION' ? aOf(c.b) : undefined;
      const shapeOnly = own !== undefined && answer(await p.gql(c.op.document, variables(c.op, values, { path: c.target.path, value: own }, c.booleans), tokenA), own) === answer(r, bValue);
      if (code !== 'FORBIDDEN' && code !== 'NOT_FOUND' && !shapeOnly) problems.push(`answers ${answer(r, bValue)}, not FORBIDDEN or NOT_FOUND`);
      if (r.data?.[c.op.name] != null) problems.push(`returns data: ${JSON.stringify(r.data[c.op.name])}`);
      if (answer(r, bValue) !== answer(u, unknown)) problems.push(`B's ${c.b} answers ${answer(r, bValue)}, one that exists nowhere ${answer(u, unknown)}`);
    }
    problems.push(...leaks(r, echo ? bValue : undefined).map((l) => `shows ${l}`));
    const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
    if (changed.length) problems.push(`changed B's rows in ${changed.join(', ')}`);
    expect(problems).toEqual([]);
  });
});

describe("reads without an object id leave B's objects out", () => {
  it.each(plainReads.map((op) => [op.name, op] as const))('%s', async (_name, op) => {
    const vars = op.field.args.some((x) => x.name === 'first') ? { first: 5 } : {};
    const r = await p.gql(op.document, vars, tokenA);
    // A steward's own reads (myPoints…) answer CONFLICT NOT_A_STEWARD to an admin who is none.
    if (r.errors) expect(codeOf(r)).toBe('CONFLICT');
    expect(leaks(r)).toEqual([]);
  });

  it("A's steward whose person lives in B: readable, but nothing of B's person shows (person, card)", async () => {
    const op = ops.find((o) => o.name === 'steward')!;
    const r = await p.gql(op.document, { id: a.mixed }, tokenA);
    expect(r.data?.steward?.id).toBe(a.mixed);
    expect(r.data.steward.person).toBeNull();
    expect(leaks(r)).toEqual([]);
  });
});

describe("controls: the same calls with A's own objects pass every scope check", () => {
  // Without these a sweep could pass because A's values were wrong, not because B's were refused.
  it.each(sweptOps.map((op) => [op.name, op] as const))('%s', async (_name, op) => {
    const booleans = Object.fromEntries(op.booleans.map((n) => [n, true]));
    const r = await p.gql(op.document, variables(op, values, undefined, booleans), tokenA);
    if (r.errors) expect(codeOf(r)).toBe('CONFLICT');
    expect(leaks(r)).toEqual([]);
  });
});

describe('grant, revoke and unmask check the grants identity holds now, not those in the token', () => {
  it('an admin whose grant was revoked is refused with the token they still hold', async () => {
    const person = await register(cityToken, { name: '东宝临时管理员', phone: '13511110009', idCardNumber: idCard(59), region: aGrid, username: 'db-temp-admin', password: 'db-temp-2026' });
    const adminGrant = await grant(cityToken, { personId: person.id, role: 'county_admin', region: 'jingmen/dongbao' });
    const target = await grant(cityToken, { personId: a.person, role: 'steward', region: aGrid });
    const token = await p.login('db-temp-admin', 'db-temp-2026');
    const unmask = `query($id: ID!) { person(id: $id, unmask: true) { phone } }`;
    // While the grant holds, the token works.
    expect((await p.gql(unmask, { id: a.person }, token)).data?.person.phone).toBe('13511110001');

    await ok(`mutation($g: ID!) { revokeRole(grantId: $g) { id } }`, { g: adminGrant.id }, cityToken);
    const grantsBefore = await p.count('role_grant');
    const refused = [
      await p.gql(unmask, { id: a.person }, token),
      await p.gql(`mutation($i: GrantRoleInput!) { grantRole(input: $i) { id } }`, { i: { personId: a.person, role: 'grid_worker', region: aGrid } }, token),
      await p.gql(`mutation($g: ID!) { revokeRole(grantId: $g) { id } }`, { g: target.id }, token),
    ];
    expect(refused.map((r) => [codeOf(r) === 'FORBIDDEN' || codeOf(r) === 'NOT_FOUND', JSON.stringify(r.body).includes('13511110001')])).toEqual([
      [true, false],
      [true, false],
      [true, false],
    ]);
    expect(await p.count('role_grant')).toBe(grantsBefore);
    const [row] = await p.identity.em().execute<{ revoked_at: Date | null }[]>(`select revoked_at from "${p.identity.config.DB_SCHEMA}".role_grant where id = ?`, [target.id]);
    expect(row!.revoked_at).toBeNull();
  });
});
