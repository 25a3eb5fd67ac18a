import { type Actor } from '@gov/kernel';
import { IdentityRpc, type PersonView, type StewardView, type UnitView } from '@gov/identity-contracts';
import { OutboxRelay } from '@gov/platform-outbox';
import { TestContext, eventually, readEvents, idCard } from '@gov/platform-testing';
import { startIdentity, type IdentityTestApp } from './testing.js';
import { ensureBootstrapAdmin } from './seed/bootstrap.js';
import { GridsRegions, publishRegions } from './fixtures.js';


const t = new TestContext();
const grid = 'jingmen/dongbao/longquan/xiangshan/g07';
const running: IdentityTestApp[] = [];

async function start(extra: Record<string, string>): Promise<IdentityTestApp> {
  // t.env names the same schema every time: the restarted process sees the first one's data.
  const app = await startIdentity(t.env('identity', { OUTBOX_POLL_MS: '50', ...extra }));
  running.push(app);
  return app;
}

async function outboxRows(app: IdentityTestApp): Promise<{ id: string; type: string; sent_at: Date | null }[]> {
  return app.orm.em.fork().execute(`select id, type, sent_at from "${app.config.DB_SCHEMA}".outbox_event order by seq`);
}

afterAll(async () => {
  for (const app of running) await app.close().catch(() => undefined);
  await t.cleanup();
});

describe('identity dies between commit and publish', () => {
  it('publishes the committed events exactly once when a new process starts', async () => {
    const first = await start({ OUTBOX_RELAY: 'off' });
    const rpc = await t.rpc();
    const admin: Actor = await ensureBootstrapAdmin(first.app, {
      username: 'dongbao-admin',
      password: 'password-1',
      name: '东宝管理员',
      phone: '13800000002',
      idCardNumber: idCard(2),
      region: 'jingmen/dongbao',
      grants: [{ role: 'county_admin', region: 'jingmen/dongbao' }],
    });
    await publishRegions(first, await GridsRegions.of(t), 'jingmen/dongbao');
    const unit = await rpc.request<UnitView>(IdentityRpc.unitCreate, { code: 'DBCR', name: '东宝测试单位', kind: 'enterprise', region: 'jingmen/dongbao' }, { actor: admin });
    const person = await rpc.request<PersonView>(IdentityRpc.personRegister, { name: '李四', phone: '13912340007', idCardNumber: idCard(7), region: grid }, { actor: admin });
    const steward = await rpc.request<StewardView>(IdentityRpc.stewardEnroll, { personId: person.id, class: 6, unitId: unit.id, grid, building: '3' }, { actor: admin });
    expect(steward.number).toBe('6-DBCR-G07-3-0001');

    const committed = await outboxRows(first);
    expect(committed.map((r) => r.type)).toEqual([
      'gov.identity.person.registered.v1', // the bootstrap admin
      'gov.identity.unit.created.v1',
      'gov.identity.person.registered.v1',
      'gov.identity.steward.enrolled.v1',
    ]);
    expect(committed.every((r) => r.sent_at === null)).toBe(true);

    // The process dies: connections dropped, nothing drained.
    await first.kill();
    running.splice(running.indexOf(first), 1);
    const nc = await t.nats();
    // Its relay was off: the committed events exist only in the outbox (the stream holds only the
    // grids region events published above).
    const identityEvents = () => readEvents(nc, t.ns, (e) => e.type.startsWith('gov.identity.'));
    expect(await identityEvents()).toHaveLength(0);

    // A new process on the same schema, relay on.
    const second = await start({});
    const ids = committed.map((r) => r.id);
    await eventually(async () => {
      const seen = new Set((await identityEvents()).map((e) => e.id));
      return ids.every((id) => seen.has(id)) ? true : undefined;
    });
    await eventually(async () => ((await outboxRows(second)).every((r) => r.sent_at !== null) ? true : undefined));
    // Another full relay pass finds nothing left to send: nothing goes out twice.
    expect(await second.app.get(OutboxRelay).drain()).toBe(0);

    const events = await identityEvents();
    const byCeId: Record<string, number> = {};
    for (const e of events) byCeId[e.headers.get('ce-id')] = (byCeId[e.headers.get('ce-id')] ?? 0) + 1;
    expect(byCeId).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));
    // In commit order, and the enrolled event carries the number the caller was given.
    expect(events.map((e) => e.id)).toEqual(ids);
    const enrolled = events.find((e) => e.type === 'gov.identity.steward.enrolled.v1')!;
    expect((enrolled.data as StewardView).number).toBe(steward.number);
    expect(enrolled.natsSubject).toBe(`${t.runId}.evt.dongbao.identity.steward.enrolled.v1`);

    // And the restarted process keeps publishing new work as usual.
    const later = await rpc.request<PersonView>(IdentityRpc.personRegister, { name: '王五', phone: '13912340008', idCardNumber: idCard(8), region: grid }, { actor: admin });
    const laterEvents = await eventually(async () => {
      const e = await readEvents(nc, t.ns, (e) => e.type === 'gov.identity.person.registered.v1' && (e.data as { id: string }).id === later.id);
      return e.length ? e : undefined;
    });
    expect(laterEvents).toHaveLength(1);
  });
});
