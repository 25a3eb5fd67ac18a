import type { Actor } from '@gov/kernel';
import { MediationRpc, type MediationCaseView } from '@gov/mediation-contracts';
import { MediationCase } from '@gov/mediation-data-access';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext, eventually, readEvents } from '@gov/platform-testing';
import { randomUUID } from 'node:crypto';
import { startMediation, type MediationTestApp } from './testing.js';

const t = new TestContext();
let app: MediationTestApp;
let rpc: RpcClient;

// The gateway puts the signed-in caller in the gov-actor header; here the test plays the gateway.
const actor = (region: string, role: Actor['grants'][number]['role'] = 'county_admin'): Actor => ({
  accountId: randomUUID(),
  personId: null,
  username: `${role}-${region.split('/').at(-1)}`,
  grants: [{ role, region }],
});
const dongbaoAdmin = actor('jingmen/dongbao');
const duodaoAdmin = actor('jingmen/duodao');
const dongbaoResident = actor('jingmen/dongbao/longquan', 'resident');

beforeAll(async () => {
  app = await startMediation(t.env('mediation', { OUTBOX_POLL_MS: '50' }));
  rpc = await t.rpc();
});
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

describe('mediation service over NATS', () => {
  let created: MediationCaseView;

  it('refuses a caller who is not signed in', async () => {
    await expect(rpc.request(MediationRpc.mediationCaseGet, { id: randomUUID() })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(rpc.request(MediationRpc.mediationCaseCreate, { name: 'x', region: 'jingmen/dongbao' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('creates a mediation case in its own schema and reads the stored row back', async () => {
    created = await rpc.request<MediationCaseView>(MediationRpc.mediationCaseCreate, { name: '  Xiangshan  ', region: 'jingmen/dongbao/longquan' }, { actor: dongbaoAdmin });
    expect(created).toMatchObject({ name: 'Xiangshan', region: 'jingmen/dongbao/longquan', createdBy: dongbaoAdmin.accountId });
    const row = await app.em().findOneOrFail(MediationCase, { id: created.id });
    expect(row.name).toBe('Xiangshan');
    expect(await rpc.request(MediationRpc.mediationCaseGet, { id: created.id }, { actor: dongbaoResident })).toEqual(created);
  });

  it('keeps another county out', async () => {
    await expect(rpc.request(MediationRpc.mediationCaseGet, { id: created.id }, { actor: duodaoAdmin })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(rpc.request(MediationRpc.mediationCaseCreate, { name: 'x', region: 'jingmen/dongbao' }, { actor: duodaoAdmin })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(rpc.request(MediationRpc.mediationCaseCreate, { name: 'x', region: 'jingmen/dongbao/longquan' }, { actor: dongbaoResident })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await rpc.request(MediationRpc.mediationCaseGetMany, { ids: [created.id] }, { actor: duodaoAdmin })).toEqual([]);
    expect(await rpc.request(MediationRpc.mediationCaseGetMany, { ids: [created.id] }, { actor: dongbaoAdmin })).toEqual([created]);
  });

  it('answers NOT_FOUND and VALIDATION as coded errors', async () => {
    await expect(rpc.request(MediationRpc.mediationCaseGet, { id: randomUUID() }, { actor: dongbaoAdmin })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(rpc.request(MediationRpc.mediationCaseGet, { id: 'not-an-id' }, { actor: dongbaoAdmin })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(rpc.request(MediationRpc.mediationCaseCreate, { name: '', region: 'Not A Region' }, { actor: dongbaoAdmin })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('publishes the created event through the outbox', async () => {
    const events = await eventually(async () => {
      const e = await readEvents(await t.nats(), t.ns, (e) => e.type === 'gov.mediation.mediation-case.created.v1');
      return e.length ? e : undefined;
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.natsSubject).toBe(`${t.runId}.evt.dongbao.mediation.mediation-case.created.v1`);
    expect((events[0]!.data as MediationCaseView).id).toBe(created.id);
  });

  it('answers /health/ready and counts handled messages in /metrics', async () => {
    expect((await fetch(`${app.url}/health/ready`)).status).toBe(200);
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    expect(metrics).toMatch(/gov_rpc_duration_seconds_count\{[^}]*subject="rpc\.mediation\.mediation-case\.create"/);
  });
});
