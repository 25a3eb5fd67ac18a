// identity's stewards and grids' households reach mediation through its JetStream consumers, as
// real CloudEvents: dispute-mediator stewards become candidates of their region, households tell
// who lives with or next to whom (the conflict-of-interest check), and an older or redelivered
// event changes nothing.
import { EVENTS_STREAM, eventSubject } from '@gov/kernel';
import { HouseholdRepository, StewardRepository } from '@gov/mediation-data-access';
import { findConflicts } from '@gov/mediation-domain';
import { NatsTransport } from '@gov/platform-messaging';
import { TestContext, eventually } from '@gov/platform-testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';
import { publishEvent } from '../fixtures.js';
import { startMediation, type MediationTestApp } from '../testing.js';
import { DIRECTORY_EVENT_TYPES, type HouseholdData, type StewardData } from './directory-events.js';

const t = new TestContext();
let app: MediationTestApp;

const XIANGSHAN = 'jingmen/dongbao/longquan/xiangshan';
const GRID = `${XIANGSHAN}/g03`;
const base = Date.now();
/** A CloudEvents time `s` seconds after the suite started (events in a test are ordered by it). */
const at = (s: number) => new Date(base + s * 1000);

const ENROLLED = { service: 'identity', aggregate: 'steward', event: 'enrolled' } as const;
const UPDATED = { service: 'identity', aggregate: 'steward', event: 'updated' } as const;
const REGISTERED = { service: 'grids', aggregate: 'household', event: 'registered' } as const;
const MOVED = { service: 'grids', aggregate: 'household', event: 'moved' } as const;
const MEMBER_ADDED = { service: 'grids', aggregate: 'household', event: 'member-added' } as const;

const stewards = () => app.app.get(StewardRepository);
const households = () => app.app.get(HouseholdRepository);

async function inboxRows(eventId: string): Promise<number> {
  const [row] = await app.em().execute<{ n: string }[]>(`select count(*) as n from "${app.config.DB_SCHEMA}".inbox_event where event_id = ?`, [eventId]);
  return Number(row!.n);
}

/** Resolves once mediation has handled the event (its inbox row commits with its effects). */
async function handled(eventId: string): Promise<void> {
  await eventually(async () => ((await inboxRows(eventId)) > 0 ? true : undefined), 10_000);
}

/** identity's StewardView of a steward. */
function stewardView(s: StewardData): Record<string, unknown> {
  const now = new Date().toISOString();
  return { unitId: randomUUID(), building: null, sentinelRole: null, reportsToId: null, enrolledAt: now, updatedAt: now, ...s };
}

function newSteward(over: Partial<StewardData> = {}): StewardData {
  return { id: randomUUID(), personId: randomUUID(), number: '3-DBWJ-G03-0-0001', class: 3, grid: GRID, deliberationRole: 'dispute_mediator', ...over };
}

/** grids' HouseholdView of a household. */
function householdView(h: HouseholdData): Record<string, unknown> {
  const now = new Date().toISOString();
  return { number: '2-301', centralHeadId: null, createdAt: now, updatedAt: now, ...h, members: (h.members ?? []).map((m) => ({ since: now, ...m })) };
}

const steward = (s: StewardData, o: { event?: typeof ENROLLED | typeof UPDATED; time?: Date; id?: string } = {}) =>
  publishEvent(t, o.event ?? ENROLLED, s.grid, s.id, stewardView(s), o.id, { time: o.time ?? at(0) });
const household = (h: HouseholdData, o: { event?: typeof REGISTERED | typeof MOVED; version?: number; id?: string } = {}) =>
  publishEvent(t, o.event ?? REGISTERED, h.region, h.id, householdView(h), o.id, { aggregateVersion: o.version ?? 1 });
const candidateIds = async (region: string) => (await stewards().mediatorCandidates(region)).map((s) => s.id);

beforeAll(async () => {
  app = await startMediation(t.env('mediation', { OUTBOX_POLL_MS: '50' }));
}, 60_000);
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

describe('the consumers', () => {
  it('has one durable JetStream consumer per event type, filtered on every county', async () => {
    const jsm = await jetstreamManager(await t.nats());
    for (const type of DIRECTORY_EVENT_TYPES) {
      const [, service, aggregate, event] = type.split('.');
      const info = await jsm.consumers.info(t.ns.stream(EVENTS_STREAM), NatsTransport.durableName('mediation', type));
      expect(info.config.filter_subject).toBe(t.ns.subject(eventSubject('*', service!, aggregate!, event!)));
    }
  });
});

describe("identity's stewards", () => {
  it("makes the dispute mediators of a region's grids its mediator candidates", async () => {
    const community = 'jingmen/dongbao/longquan/longjing';
    const mediator = newSteward({ grid: `${community}/g01` });
    const other = newSteward({ grid: `${community}/g02`, number: '3-DBWJ-G02-0-0002' });
    const explainer = newSteward({ grid: `${community}/g01`, deliberationRole: 'policy_explainer' });
    const none = newSteward({ grid: `${community}/g01`, deliberationRole: null });
    const elsewhere = newSteward({ grid: `${XIANGSHAN}/g01` });
    for (const s of [mediator, other, explainer, none, elsewhere]) await handled(await steward(s));

    expect(await candidateIds(community)).toEqual([mediator.id, other.id]);
    expect(await candidateIds(`${community}/g02`)).toEqual([other.id]);
    expect(await stewards().byPerson(mediator.personId)).toEqual({ id: mediator.id, personId: mediator.personId, number: mediator.number, class: 3, grid: mediator.grid, deliberationRole: 'dispute_mediator' });
  });

  it('follows steward.updated: a new seat or grid moves the candidate, an older update changes nothing', async () => {
    const community = 'jingmen/dongbao/longquan/quanfeng';
    const s = newSteward({ grid: `${community}/g01` });
    await handled(await steward(s));
    const moved = { ...s, grid: `${community}/g02`, class: 4 };
    await handled(await steward(moved, { event: UPDATED, time: at(10) }));
    expect(await candidateIds(`${community}/g01`)).toEqual([]);
    expect(await candidateIds(`${community}/g02`)).toEqual([s.id]);
    // Handled later, happened earlier: the seat dropped at 5s does not undo the move at 10s.
    await handled(await steward({ ...s, deliberationRole: null }, { event: UPDATED, time: at(5) }));
    expect(await stewards().byPerson(s.personId)).toMatchObject({ grid: `${community}/g02`, class: 4, deliberationRole: 'dispute_mediator' });
    await handled(await steward({ ...moved, deliberationRole: null }, { event: UPDATED, time: at(20) }));
    expect(await candidateIds(community)).toEqual([]);
  });

  it('handles a redelivered event (the same ce-id) once: it changes nothing', async () => {
    const community = 'jingmen/dongbao/longquan/longquan';
    const s = newSteward({ grid: `${community}/g01`, deliberationRole: null });
    await handled(await steward(s));
    const seated = await steward({ ...s, deliberationRole: 'dispute_mediator' }, { event: UPDATED, time: at(10) });
    await handled(seated);
    await handled(await steward({ ...s, deliberationRole: 'policy_explainer' }, { event: UPDATED, time: at(20) }));
    // Delivered again, and as if it had happened last: the inbox drops it all the same.
    await steward({ ...s, deliberationRole: 'dispute_mediator' }, { event: UPDATED, time: at(30), id: seated });
    // One consumer handles its messages in order: once this marker is in, the redelivery was handled.
    await handled(await steward(newSteward({ grid: `${XIANGSHAN}/g09` }), { event: UPDATED }));
    expect(await inboxRows(seated)).toBe(1);
    expect(await candidateIds(community)).toEqual([]);
    expect(await stewards().byPerson(s.personId)).toMatchObject({ deliberationRole: 'policy_explainer' });
  });
});

describe("grids' households", () => {
  const newHousehold = (over: Partial<HouseholdData> = {}): HouseholdData => ({ id: randomUUID(), buildingId: randomUUID(), region: GRID, members: [], ...over });

  it("tells where each person lives, and who lives in one household or building, for the conflict check", async () => {
    const [head, spouse, neighbour, stranger] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const h = newHousehold({ members: [{ personId: head, relation: 'head' }, { personId: spouse, relation: 'spouse' }] });
    const next = newHousehold({ buildingId: h.buildingId, members: [{ personId: neighbour, relation: 'head' }] });
    await handled(await household(h));
    await handled(await household(next));

    const residences = await households().residencesOf([head, spouse, neighbour, stranger]);
    expect(residences.get(head)).toEqual([{ householdId: h.id, buildingId: h.buildingId }]);
    expect(residences.get(neighbour)).toEqual([{ householdId: next.id, buildingId: h.buildingId }]);
    expect(residences.get(stranger)).toEqual([]);
    const party = (personId: string) => ({ id: randomUUID(), name: '当事人', personId, relatedPersonIds: [], residences: residences.get(personId)! });
    const conflicts = findConflicts({ personId: head, residences: residences.get(head)! }, [party(spouse), party(neighbour), party(stranger)]);
    expect(conflicts.map((c) => c.kind)).toEqual(['same_household', 'same_building']);
  });

  it('keeps a member added before its household is registered, and follows the household when it moves', async () => {
    const h = newHousehold();
    const child = randomUUID();
    // Each type has its own consumer: member-added may well be handled first.
    await handled(await publishEvent(t, MEMBER_ADDED, GRID, h.id, { householdId: h.id, personId: child, relation: 'child', since: new Date().toISOString() }, undefined, { aggregateVersion: 2 }));
    expect((await households().residencesOf([child])).get(child)).toEqual([]);
    await handled(await household(h));
    expect((await households().residencesOf([child])).get(child)).toEqual([{ householdId: h.id, buildingId: h.buildingId }]);

    const newBuilding = randomUUID();
    await handled(await household({ ...h, buildingId: newBuilding, region: `${XIANGSHAN}/g01` }, { event: MOVED, version: 3 }));
    expect((await households().residencesOf([child])).get(child)).toEqual([{ householdId: h.id, buildingId: newBuilding }]);
  });

  it('handles a redelivered or older household event without undoing a newer one', async () => {
    const member = randomUUID();
    const h = newHousehold({ members: [{ personId: member, relation: 'head' }] });
    const registered = await household(h, { version: 1 });
    await handled(registered);
    const moved = { ...h, buildingId: randomUUID() };
    await handled(await household(moved, { event: MOVED, version: 2 }));
    await household(h, { version: 1, id: registered });
    // An older placement through another event type (its own consumer) is refused by the version.
    await handled(await household({ ...h, buildingId: randomUUID() }, { event: MOVED, version: 1 }));
    // Registered events go through one consumer in order: once this marker is in, the redelivery was handled.
    await handled(await household(newHousehold()));
    expect(await inboxRows(registered)).toBe(1);
    expect((await households().residencesOf([member])).get(member)).toEqual([{ householdId: h.id, buildingId: moved.buildingId }]);
  });
});
