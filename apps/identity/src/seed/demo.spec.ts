import { ROLES, type Actor, type Page } from '@gov/kernel';
import { IdentityRpc, STEWARD_CLASSES, type StewardView, type TokenPair, type UnitView } from '@gov/identity-contracts';
import { Person, Steward, Unit } from '@gov/identity-data-access';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext, eventually, readEvents } from '@gov/platform-testing';
import { GridsRegions, publishRegions } from '../fixtures.js';
import { startIdentity, type IdentityTestApp } from '../testing.js';
import { demoRegionPaths, seedDemoCity, type DemoLogin } from './demo.js';

const t = new TestContext();
let app: IdentityTestApp;
let rpc: RpcClient;
let logins: DemoLogin[];
let personsFirstPass = 0;
const password = 'demo-pass-123';

beforeAll(async () => {
  app = await startIdentity(t.env('identity', { OUTBOX_POLL_MS: '50' }));
  rpc = await t.rpc();
  // As `npm start` runs it: the persons first (grids' territory needs them), then — once grids has
  // published its territory (here: its events, published as grids would) — the rest of the city.
  expect(await seedDemoCity(app.app, { password, peopleOnly: true })).toEqual({ logins: [] });
  personsFirstPass = await app.em().count(Person, {});
  expect(await app.em().count(Unit, {})).toBe(0);
  await publishRegions(app, await GridsRegions.of(t), ...demoRegionPaths());
  const result = await seedDemoCity(app.app, { password });
  expect(result).not.toBeNull();
  logins = result!.logins;
}, 120_000);
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

describe('demo city seed', () => {
  it('enrolls stewards of all six classes, with deliberation roles and a sentinel chain', async () => {
    const stewards = await app.em().find(Steward, {});
    const classes = new Set(stewards.map((s) => s.class));
    expect([...classes].sort()).toEqual([...STEWARD_CLASSES]);
    expect(stewards.length).toBeGreaterThanOrEqual(50);
    expect(stewards.some((s) => s.deliberationRole)).toBe(true);
    const byId = new Map(stewards.map((s) => [s.id, s]));
    const sentinel = stewards.find((s) => s.sentinelRole === 'sentinel' && s.reportsToId);
    const groupLeader = byId.get(sentinel!.reportsToId!);
    expect(groupLeader?.sentinelRole).toBe('group_leader');
    expect(byId.get(groupLeader!.reportsToId!)?.sentinelRole).toBe('squad_leader');
    for (const s of stewards) expect(s.grid).toMatch(/^jingmen\/[a-z]+\/[a-z]+\/[a-z]+\/g\d\d$/);
  });

  it('spans at least two counties with units of every kind', async () => {
    const units = await app.em().find(Unit, {});
    expect(new Set(units.map((u) => u.kind))).toEqual(new Set(['liaison_unit', 'government_department', 'enterprise', 'social_organisation']));
    const people = await app.em().find(Person, {});
    const counties = new Set(people.map((p) => p.region.split('/')[1]).filter(Boolean));
    expect(counties.size).toBeGreaterThanOrEqual(2);
  });

  it('gives every role a login that can log in', async () => {
    expect(new Set(logins.map((l) => l.role))).toEqual(new Set(ROLES));
    expect(new Set(logins.map((l) => l.username)).size).toBe(logins.length);
    for (const l of logins) {
      const tokens = await rpc.request<TokenPair>(IdentityRpc.login, { login: l.username, password });
      expect(tokens.accessToken.split('.')).toHaveLength(3);
    }
  });

  it('went through the services: county admins see their county only, and events were published', async () => {
    const dongbao = { accountId: 'x', personId: null, username: 'dongbao-admin', grants: [{ role: 'county_admin', region: 'jingmen/dongbao' }] } as Actor;
    const page = await rpc.request<Page<UnitView>>(IdentityRpc.unitList, { first: 100 }, { actor: dongbao });
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((u) => u.region === 'jingmen' || u.region.startsWith('jingmen/dongbao'))).toBe(true);
    const stewards = await rpc.request<Page<StewardView>>(IdentityRpc.stewardList, { region: 'jingmen/dongbao', first: 100 }, { actor: dongbao });
    expect(stewards.items.every((s) => s.grid.startsWith('jingmen/dongbao/'))).toBe(true);
    const enrolled = await eventually(async () => {
      const e = await readEvents(await t.nats(), t.ns, (e) => e.type === 'gov.identity.steward.enrolled.v1');
      return e.length >= 50 ? e : undefined;
    }, 15_000);
    expect(new Set(enrolled.map((e) => e.county))).toEqual(new Set(['dongbao', 'duodao']));
    const city = { accountId: 'x', personId: null, username: 'city-admin', grants: [{ role: 'city_admin', region: 'jingmen' }] } as Actor;
    const audit = await rpc.request<Page<{ actorName: string | null; outcome: string }>>(IdentityRpc.auditList, { operation: 'steward.enroll', first: 5 }, { actor: city });
    expect(audit.items).toHaveLength(5);
    expect(audit.items.every((e) => e.actorName === 'city-admin' && e.outcome === 'ok')).toBe(true);
  });

  it('seeded every person in the first pass and found them again in the second', async () => {
    expect(personsFirstPass).toBeGreaterThan(50);
    expect(await app.em().count(Person, {})).toBe(personsFirstPass);
    await expect(seedDemoCity(app.app, { password, peopleOnly: true })).resolves.toBeNull();
  });

  it('does nothing on a second run', async () => {
    const em = app.em();
    const before = [await em.count(Unit, {}), await em.count(Person, {}), await em.count(Steward, {})];
    await expect(seedDemoCity(app.app, { password })).resolves.toBeNull();
    const em2 = app.em();
    expect([await em2.count(Unit, {}), await em2.count(Person, {}), await em2.count(Steward, {})]).toEqual(before);
  });
});
