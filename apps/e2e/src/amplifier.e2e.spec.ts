import { IdentityRpc, type StewardCard } from '@gov/identity-contracts';
import { eventually } from '@gov/platform-testing';
import { codeOf, idCard, reasonOf, startPlatform, type Platform } from './harness.js';

/**
 * What one request can make the platform do: the cost and mutation limits (with variables), login
 * throttling through the gateway, one card request for a whole list, and what a card shows to a
 * caller of another county.
 */
const MAX_MUTATIONS = 3;
const LOGIN_PER_ACCOUNT = 3;
const LOGIN_PER_ADDRESS = 6;

let p: Platform;
let cityToken: string;
let dongbaoToken: string;
const grid = 'jingmen/dongbao/quankou/xiangshan/g05';
/** A steward in a Dongbao grid whose person and unit belong to Duodao. */
const mixed: Record<string, string> = {};
let serial = 600;

beforeAll(async () => {
  p = await startPlatform({
    GRAPHQL_MAX_COST: '1000',
    GRAPHQL_MAX_MUTATIONS: String(MAX_MUTATIONS),
    LOGIN_MAX_FAILURES_PER_ACCOUNT: String(LOGIN_PER_ACCOUNT),
    LOGIN_MAX_FAILURES_PER_ADDRESS: String(LOGIN_PER_ADDRESS),
    LOGIN_THROTTLE_WINDOW_SECONDS: '600',
  });
  cityToken = await p.login('city-admin', 'demo-city-2026');
  dongbaoToken = await p.login('dongbao-admin', 'dongbao-2026');
  // Units name regions of grids' tree: grids has both counties, and identity their events.
  await p.regions('jingmen/dongbao', 'jingmen/duodao');
});
afterAll(() => p.close());

/** A GraphQL request from a given client address (the gateway trusts X-Forwarded-For from loopback). */
async function gqlFrom(address: string, query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${p.gateway.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    body: JSON.stringify({ query, variables }),
  });
  const body: any = await res.json();
  return { status: res.status, data: body.data, errors: body.errors as any[] | undefined };
}

/** Requests identity has handled on `subject` so far, from its /metrics. */
async function handled(subject: string): Promise<number> {
  const text = await (await fetch(`${p.identity.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('gov_rpc_duration_seconds_count{') && line.includes(`subject="${subject}"`))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

async function newUnit(code: string, region: string): Promise<string> {
  const r = await p.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }`, { i: { code, name: `单位${code}`, kind: 'liaison_unit', region } }, cityToken);
  expect(r.errors).toBeUndefined();
  return r.data.createUnit.id;
}

async function newSteward(name: string, personRegion: string, unitId: string, extra: Record<string, unknown> = {}): Promise<{ personId: string; stewardId: string }> {
  const n = serial++;
  const person = await p.gql(`mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`, { i: { name, phone: `137${String(n).padStart(8, '0')}`, idCardNumber: idCard(n), region: personRegion, ...extra } }, cityToken);
  expect(person.errors).toBeUndefined();
  const steward = await p.gql(`mutation($i: EnrollStewardInput!) { enrollSteward(input: $i) { id } }`, { i: { personId: person.data.registerPerson.id, class: 5, unitId, grid } }, cityToken);
  expect(steward.errors).toBeUndefined();
  return { personId: person.data.registerPerson.id, stewardId: steward.data.enrollSteward.id };
}

describe('cost limit', () => {
  // 10 for the root field + 100 × (items 1 + id 1 + person 3 + unit 3 + card 3 + reportsTo 4) = 1510 at first: 100, 85 at first: 5.
  const selection = `items { id person { name phone } unit { name code } card { duties name } reportsTo { id person { name } } }`;

  it('costs `first: $n` as it costs `first: 100`: refused before anything runs', async () => {
    const before = await handled(IdentityRpc.stewardList);
    const literal = await p.gql(`{ stewards(first: 100) { ${selection} } }`, {}, cityToken);
    const variable = await p.gql(`query($n: Int) { stewards(first: $n) { ${selection} } }`, { n: 100 }, cityToken);
    for (const r of [literal, variable]) {
      expect(r.status).toBe(400);
      expect(codeOf(r)).toBe('VALIDATION');
      expect(reasonOf(r)).toBe('QUERY_TOO_COSTLY');
      expect(r.data).toBeUndefined();
    }
    // A variable's declared default counts too.
    const byDefault = await p.gql(`query($n: Int = 100) { stewards(first: $n) { ${selection} } }`, {}, cityToken);
    expect(reasonOf(byDefault)).toBe('QUERY_TOO_COSTLY');
    expect(await handled(IdentityRpc.stewardList)).toBe(before);

    const small = await p.gql(`query($n: Int) { stewards(first: $n) { ${selection} } }`, { n: 5 }, cityToken);
    expect(small.errors).toBeUndefined();
    expect(await handled(IdentityRpc.stewardList)).toBe(before + 1);
  });

  it('costs the taxonomy as the one fixed document it is, and still counts each alias of it', async () => {
    const whole = `categories { key nameZh categories { key majorKey nameZh majorNameZh version defaultLevel defaultDepartment timeLimitDays anonymousAllowed retired updatedAt } }`;
    const once = await p.gql(`{ ${whole} }`, {});
    expect(once.errors).toBeUndefined();
    expect(once.data.categories.flatMap((m: any) => m.categories)).toHaveLength(117);
    const many = await p.gql(`{ ${Array.from({ length: 10 }, (_, i) => `c${i}: ${whole}`).join(' ')} }`, {});
    expect(reasonOf(many)).toBe('QUERY_TOO_COSTLY');
  });

  it('counts every root field that calls a service, aliases included', async () => {
    const aliases = Array.from({ length: 100 }, (_, i) => `m${i}: me { username }`).join(' ');
    const r = await p.gql(`{ ${aliases} }`, {}, cityToken);
    expect(reasonOf(r)).toBe('QUERY_TOO_COSTLY');
    expect(r.data).toBeUndefined();
  });
});

describe('mutation limit', () => {
  const createUnits = (n: number, prefix: string) =>
    `mutation { ${Array.from({ length: n }, (_, i) => `u${i}: createUnit(input: { code: "${prefix}${i}", name: "单位${prefix}${i}", kind: liaison_unit, region: "jingmen/dongbao" }) { id }`).join(' ')} }`;

  it(`refuses more than ${MAX_MUTATIONS} mutations in one operation and writes nothing`, async () => {
    const before = await Promise.all(['unit', 'outbox_event', 'audit_entry'].map((t) => p.count(t)));
    const r = await p.gql(createUnits(MAX_MUTATIONS + 1, 'AMX'), {}, cityToken);
    expect(r.status).toBe(400);
    expect(codeOf(r)).toBe('VALIDATION');
    expect(reasonOf(r)).toBe('TOO_MANY_MUTATIONS');
    expect(r.data).toBeUndefined();
    expect(await Promise.all(['unit', 'outbox_event', 'audit_entry'].map((t) => p.count(t)))).toEqual(before);
  });

  it('counts mutations spread through fragments', async () => {
    const r = await p.gql(`mutation { ...A ...B } fragment A on Mutation { a: logout(refreshToken: "xxxxxxxxxxxx") b: logout(refreshToken: "yyyyyyyyyyyy") } fragment B on Mutation { c: logout(refreshToken: "zzzzzzzzzzzz") d: logout(refreshToken: "wwwwwwwwwwww") }`);
    expect(reasonOf(r)).toBe('TOO_MANY_MUTATIONS');
  });

  it(`allows ${MAX_MUTATIONS}`, async () => {
    const before = await p.count('unit');
    const r = await p.gql(createUnits(MAX_MUTATIONS, 'AMY'), {}, cityToken);
    expect(r.errors).toBeUndefined();
    expect(await p.count('unit')).toBe(before + MAX_MUTATIONS);
  });
});

describe('login through the gateway', () => {
  const login = `mutation($l: String!, $p: String!) { login(login: $l, password: $p) { accessToken } }`;

  it(`is refused per account after ${LOGIN_PER_ACCOUNT} failures, from any address, with when to retry; a success resets the count`, async () => {
    await p.gql(`mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`, { i: { name: '节流', phone: '13655550001', idCardNumber: idCard(serial++), region: grid, username: 'throttled', password: 'throttled-2026' } }, cityToken);

    // A success between failures starts the account's count again.
    for (let i = 0; i < LOGIN_PER_ACCOUNT - 1; i++) expect(reasonOf(await gqlFrom(`198.51.100.${i + 1}`, login, { l: 'throttled', p: 'wrong-password' }))).toBe('BAD_CREDENTIALS');
    expect((await gqlFrom('198.51.100.9', login, { l: 'throttled', p: 'throttled-2026' })).data?.login.accessToken).toBeTruthy();

    for (let i = 0; i < LOGIN_PER_ACCOUNT; i++) expect(reasonOf(await gqlFrom(`198.51.100.${i + 11}`, login, { l: 'throttled', p: 'wrong-password' }))).toBe('BAD_CREDENTIALS');
    const refused = await gqlFrom('198.51.100.20', login, { l: 'throttled', p: 'throttled-2026' });
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
    expect(reasonOf(refused)).toBe('TOO_MANY_ATTEMPTS');
    expect(refused.errors![0].extensions.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.errors![0].extensions.retryAfterSeconds).toBeLessThanOrEqual(600);
    expect(refused.data?.login ?? null).toBeNull();
  });

  it(`is refused per client address after ${LOGIN_PER_ADDRESS} failures over any logins; other addresses still sign in`, async () => {
    for (let i = 0; i < LOGIN_PER_ADDRESS; i++) expect(reasonOf(await gqlFrom('203.0.113.77', login, { l: `nobody-${i}`, p: 'wrong-password' }))).toBe('BAD_CREDENTIALS');
    const refused = await gqlFrom('203.0.113.77', login, { l: 'city-admin', p: 'demo-city-2026' });
    expect(reasonOf(refused)).toBe('TOO_MANY_ATTEMPTS');
    expect(refused.errors![0].extensions.retryAfterSeconds).toBeGreaterThan(0);
    expect((await gqlFrom('203.0.113.78', login, { l: 'city-admin', p: 'demo-city-2026' })).data?.login.accessToken).toBeTruthy();
  });
});

describe('steward cards', () => {
  beforeAll(async () => {
    const unit = await newUnit('AMCU', 'jingmen/dongbao');
    for (let i = 0; i < 20; i++) await newSteward(`卡片${i}`, grid, unit);
    // City admin ties a Duodao person and a Duodao unit to a steward in a Dongbao grid.
    const duodaoUnit = await newUnit('AMDD', 'jingmen/duodao');
    const s = await newSteward('掇刀人', 'jingmen/duodao/zhanghe/hongqiao/g01', duodaoUnit);
    mixed.steward = s.stewardId;
    mixed.person = s.personId;
  });

  it('a list of 20 stewards with their cards makes one card request', async () => {
    const batches = await handled(IdentityRpc.stewardCards);
    const singles = await handled(IdentityRpc.stewardCard);
    const r = await p.gql(`{ stewards(filter: { region: "${grid}" }, first: 20) { items { id card { number classTitle duties } } } }`, {}, cityToken);
    expect(r.errors).toBeUndefined();
    expect(r.data.stewards.items).toHaveLength(20);
    for (const s of r.data.stewards.items) expect(s.card.number).toMatch(/^5-/);
    await eventually(async () => ((await handled(IdentityRpc.stewardCards)) > batches ? true : undefined));
    expect(await handled(IdentityRpc.stewardCards)).toBe(batches + 1);
    expect(await handled(IdentityRpc.stewardCard)).toBe(singles);
  });

  it("shows a Dongbao admin no Duodao person's or unit's name on a Dongbao steward's card", async () => {
    const query = `query($id: ID!) { steward(id: $id) { number person { name } unit { name } card { number name unitName } } }`;
    const dongbao = await p.gql(query, { id: mixed.steward }, dongbaoToken);
    expect(dongbao.errors).toBeUndefined();
    expect(dongbao.data.steward.card).toEqual({ number: dongbao.data.steward.number, name: null, unitName: null });
    expect(dongbao.data.steward.person).toBeNull();
    expect(dongbao.data.steward.unit).toBeNull();
    // Through the list too (the batch path).
    const list = await p.gql(`{ stewards(filter: { region: "${grid}" }, first: 50) { items { id card { name unitName } } } }`, {}, dongbaoToken);
    const card = list.data.stewards.items.find((s: any) => s.id === mixed.steward).card;
    expect(card).toEqual({ name: null, unitName: null });
    expect(JSON.stringify(list.data)).not.toContain('掇刀人');
    // The single-card subject answers the same.
    const rpc = await p.t.rpc();
    const single = await rpc.request<StewardCard>(IdentityRpc.stewardCard, { id: mixed.steward }, { actor: p.admins.dongbao });
    expect(single).toMatchObject({ name: null, unitName: null });

    const city = await p.gql(query, { id: mixed.steward }, cityToken);
    expect(city.data.steward.card).toMatchObject({ name: '掇刀人', unitName: '单位AMDD' });
  });
});

describe('after: null', () => {
  it('is the first page, as if `after` were left out', async () => {
    const withNull = await p.gql(`{ stewards(first: 2, after: null) { items { id } } units(first: 2, after: null) { items { id } } auditLog(first: 2, after: null) { items { id } } }`, {}, cityToken);
    expect(withNull.errors).toBeUndefined();
    const without = await p.gql(`{ stewards(first: 2) { items { id } } units(first: 2) { items { id } } }`, {}, cityToken);
    expect(withNull.data.stewards).toEqual(without.data.stewards);
    expect(withNull.data.units).toEqual(without.data.units);
    const byVariable = await p.gql(`query($after: String, $first: Int) { stewards(first: $first, after: $after) { items { id } } }`, { after: null, first: null }, cityToken);
    expect(byVariable.errors).toBeUndefined();
    expect(byVariable.data.stewards.items.length).toBeGreaterThan(0);
  });
});
