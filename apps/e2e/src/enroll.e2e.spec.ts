import { eventually, readEvents } from '@gov/platform-testing';
import { codeOf, idCard, startPlatform, type Platform } from './harness.js';

let p: Platform;
beforeAll(async () => {
  p = await startPlatform();
  // Units name regions of grids' tree: grids has the county, and identity its event.
  await p.regions('jingmen/dongbao');
});
afterAll(() => p.close());

const grid = 'jingmen/dongbao/quankou/xiangshan/g02';

describe('a county frontend through the gateway', () => {
  it('logs in as city-admin, creates a unit, registers a person, enrolls and reads the steward; the event reaches JetStream', async () => {
    const token = await p.login('city-admin', 'demo-city-2026');
    const me = await p.gql(`{ me { username grants { role region } } }`, {}, token);
    expect(me.data.me).toEqual({ username: 'city-admin', grants: [{ role: 'city_admin', region: 'jingmen' }] });

    const unit = await p.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { id code kind } }`, { i: { code: 'DBZJ', name: '东宝区住建局', kind: 'government_department', region: 'jingmen/dongbao' } }, token);
    expect(unit.data.createUnit).toMatchObject({ code: 'DBZJ', kind: 'government_department' });

    const person = await p.gql(
      `mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id name phone idCardNumber masked } }`,
      { i: { name: '李四', phone: '13566667777', idCardNumber: idCard(11), region: grid } },
      token,
    );
    expect(person.data.registerPerson).toMatchObject({ name: '李四', phone: '135****7777', masked: true });

    const enrolled = await p.gql(
      `mutation($i: EnrollStewardInput!) { enrollSteward(input: $i) { id number class grid } }`,
      { i: { personId: person.data.registerPerson.id, class: 5, unitId: unit.data.createUnit.id, grid, building: '7' } },
      token,
    );
    expect(enrolled.errors).toBeUndefined();
    expect(enrolled.data.enrollSteward.number).toBe('5-DBZJ-G02-7-0001');

    const read = await p.gql(
      `query($id: ID!) { steward(id: $id) { number person { name phone } unit { code } card { classTitle duties } numberHistory { number retiredAt } } }`,
      { id: enrolled.data.enrollSteward.id },
      token,
    );
    expect(read.data.steward).toMatchObject({ number: '5-DBZJ-G02-7-0001', person: { name: '李四', phone: '135****7777' }, unit: { code: 'DBZJ' } });
    expect(read.data.steward.card.classTitle).toContain('热心居民');
    expect(read.data.steward.card.duties).toContain('认领并完成志愿任务');
    expect(read.data.steward.numberHistory).toEqual([{ number: '5-DBZJ-G02-7-0001', retiredAt: null }]);

    const [event] = await eventually(async () => {
      const e = await readEvents(await p.t.nats(), p.t.ns, (e) => e.type === 'gov.identity.steward.enrolled.v1');
      return e.length ? e : undefined;
    });
    expect(event!.headers.get('ce-specversion')).toBe('1.0');
    expect(event!.headers.get('ce-id')).toBe(event!.headers.get('Nats-Msg-Id'));
    expect(event!.headers.get('ce-county')).toBe('dongbao');
    expect(event!.headers.get('ce-source')).toBe(`/gov/identity/steward/${enrolled.data.enrollSteward.id}`);
    expect(event!.natsSubject).toBe(`${p.t.runId}.evt.dongbao.identity.steward.enrolled.v1`);
    expect(event!.data as object).toMatchObject({ number: '5-DBZJ-G02-7-0001' });

    const list = await p.gql(`query { stewards(filter: { region: "jingmen/dongbao", class: 5 }, first: 10) { items { number } pageInfo { hasNextPage } } }`, {}, token);
    expect(list.data.stewards.items.map((s: any) => s.number)).toEqual(['5-DBZJ-G02-7-0001']);
  });

  it('reads a null region as no region: every unit the caller sees', async () => {
    const token = await p.login('city-admin', 'demo-city-2026');
    const r = await p.gql(`query($region: String) { units(region: $region, first: 5) { items { code } } }`, { region: null }, token);
    expect(r.errors).toBeUndefined();
    expect(r.data.units.items.map((u: { code: string }) => u.code)).toContain('DBZJ');
  });

  it('refuses requests without a token', async () => {
    const r = await p.gql(`{ units { items { id } } }`);
    expect(codeOf(r)).toBe('UNAUTHENTICATED');
  });

  it('answers liveness, readiness and metrics', async () => {
    for (const base of [p.gateway.url, p.identity.url]) {
      expect((await fetch(`${base}/health/live`)).status).toBe(200);
      const ready = await fetch(`${base}/health/ready`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { status: string }).status).toBe('ok');
      expect(await (await fetch(`${base}/metrics`)).text()).toContain('gov_');
    }
  });
});
