// identity's persons reach grids through its event consumer: a registered person becomes
// assignable, a redelivered event changes nothing, and another county's person stays out of reach.
import { AppError, eventSubject, type Actor } from '@gov/kernel';
import { GridsRpc, type StaffView } from '@gov/grids-contracts';
import { toCloudEventHeaders, type RpcClient } from '@gov/platform-messaging';
import { jetstream } from '@nats-io/jetstream';
import { TestContext, eventually } from '@gov/platform-testing';
import { randomUUID } from 'node:crypto';
import { sampleTerritory, type SampleTerritory } from '../fixtures.js';
import { startGrids, type GridsTestApp } from '../testing.js';
import { PERSON_REGISTERED } from './person-directory.js';

const t = new TestContext();
let app: GridsTestApp;
let rpc: RpcClient;
let land: SampleTerritory;
const cityAdmin: Actor = { accountId: randomUUID(), personId: null, username: 'city-admin', grants: [{ role: 'city_admin', region: 'jingmen' }] };
const dongbaoAdmin: Actor = { accountId: randomUUID(), personId: null, username: 'dongbao-admin', grants: [{ role: 'county_admin', region: 'jingmen/dongbao' }] };

/** Publishes identity's event as identity's outbox relay does (CloudEvents headers, message id). */
async function publishRegistered(eventId: string, personId: string, region: string): Promise<void> {
  const county = region.split('/')[1]!;
  const h = toCloudEventHeaders({ id: eventId, type: PERSON_REGISTERED, source: `/gov/identity/person/${personId}`, subject: personId, time: new Date().toISOString(), county });
  // No message id: JetStream keeps the copy, as after its duplicate window, and the inbox must drop it.
  h.delete('Nats-Msg-Id');
  await jetstream(await t.nats()).publish(t.ns.subject(eventSubject(county, 'identity', 'person', 'registered')), JSON.stringify({ id: personId, region, hasAccount: false }), { headers: h });
}

async function personRows(id: string): Promise<number> {
  const [row] = await app.em().execute<{ n: string }[]>(`select count(*) as n from "${app.config.DB_SCHEMA}".person_ref where id = ?`, [id]);
  return Number(row!.n);
}

beforeAll(async () => {
  app = await startGrids(t.env('grids', { OUTBOX_POLL_MS: '50' }));
  rpc = await t.rpc();
  land = await sampleTerritory(rpc, cityAdmin);
});
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

describe("identity's persons in grids", () => {
  it('a person identity registers becomes assignable once grids has the event; a redelivery changes nothing', async () => {
    const personId = randomUUID();
    const assign = () => rpc.request<StaffView>(GridsRpc.staffAssign, { layerKey: 'comprehensive', gridId: land.g03.id, personId, name: '刘芳' }, { actor: dongbaoAdmin });
    expect(await assign().catch((e: AppError) => e)).toMatchObject({ code: 'NOT_FOUND' });
    const eventId = randomUUID();
    await publishRegistered(eventId, personId, land.g03.path);
    await publishRegistered(eventId, personId, land.g03.path);
    await eventually(async () => ((await personRows(personId)) === 1 ? true : undefined), 10_000);
    expect(await assign()).toMatchObject({ personId, role: 'grid_worker' });
    const [inbox] = await app.em().execute<{ n: string }[]>(`select count(*) as n from "${app.config.DB_SCHEMA}".inbox_event where event_id = ?`, [eventId]);
    expect(Number(inbox!.n)).toBe(1);
  });

  it("keeps a person of another county out of a county admin's reach", async () => {
    const personId = randomUUID();
    await publishRegistered(randomUUID(), personId, land.baishipoG01.path);
    await eventually(async () => ((await personRows(personId)) === 1 ? true : undefined), 10_000);
    const err = await rpc.request(GridsRpc.staffAssign, { layerKey: 'comprehensive', gridId: land.g03.id, personId, name: '某' }, { actor: dongbaoAdmin }).catch((e: AppError) => e);
    expect(err).toMatchObject({ code: 'NOT_FOUND', message: `person ${personId} not found` });
  });
});
