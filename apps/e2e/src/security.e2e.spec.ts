import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { eventually } from '@gov/platform-testing';
import { codeOf, idCard, reasonOf, startPlatform, type Platform } from './harness.js';

let p: Platform;
let cityToken: string;
let dongbaoToken: string;
let duodaoToken: string;
/** Objects that belong to Duodao county. */
const b: Record<string, string> = {};
/** Dongbao's stewards: one wholly Dongbao's, one whose person and unit are Duodao's. */
const a: Record<string, string> = {};
const aGrid = 'jingmen/dongbao/quankou/xiangshan/g01';
const bGrid = 'jingmen/duodao/zhanghe/hongqiao/g01';

beforeAll(async () => {
  p = await startPlatform();
  cityToken = await p.login('city-admin', 'demo-city-2026');
  dongbaoToken = await p.login('dongbao-admin', 'dongbao-2026');
  duodaoToken = await p.login('duodao-admin', 'duodao-2026');
  const grid = bGrid;
  // Units and grants name regions of grids' tree: grids has them, and identity their events.
  await p.regions(grid, aGrid);
  const unit = await p.gql(`mutation { createUnit(input: { code: "DDMZ", name: "掇刀区民政局", kind: government_department, region: "jingmen/duodao" }) { id } }`, {}, duodaoToken);
  b.unit = unit.data.createUnit.id;
  const person = await p.gql(
    `mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`,
    { i: { name: '王五', phone: '13622223333', idCardNumber: idCard(21, undefined, '420804'), region: grid, username: 'wangwu', password: 'wangwu-2026' } },
    duodaoToken,
  );
  b.person = person.data.registerPerson.id;
  const steward = await p.gql(`mutation($i: EnrollStewardInput!) { enrollSteward(input: $i) { id } }`, { i: { personId: b.person, class: 3, unitId: b.unit, grid } }, duodaoToken);
  b.steward = steward.data.enrollSteward.id;
  const grant = await p.gql(`mutation($i: GrantRoleInput!) { grantRole(input: $i) { id } }`, { i: { personId: b.person, role: 'grid_worker', region: grid } }, duodaoToken);
  b.grant = grant.data.grantRole.id;
  // A steward in a Dongbao grid whose person and unit are Duodao's: a city admin may enrol anyone anywhere.
  const resident = await p.gql(
    `mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`,
    { i: { name: '掇刀居民丙', phone: '13622225555', idCardNumber: idCard(22, undefined, '420804'), region: grid } },
    duodaoToken,
  );
  b.resident = resident.data.registerPerson.id;
  const mixed = await p.gql(`mutation($i: EnrollStewardInput!) { enrollSteward(input: $i) { id } }`, { i: { personId: b.resident, class: 5, unitId: b.unit, grid: aGrid } }, cityToken);
  expect(mixed.errors).toBeUndefined();
  a.mixed = mixed.data.enrollSteward.id;
  // And one wholly Dongbao's, by Dongbao's admin: what Dongbao may read does show in nested fields.
  const aUnit = await p.gql(`mutation { createUnit(input: { code: "DBAQ", name: "东宝区安全办", kind: liaison_unit, region: "jingmen/dongbao" }) { id } }`, {}, dongbaoToken);
  a.unit = aUnit.data.createUnit.id;
  const aPerson = await p.gql(
    `mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`,
    { i: { name: '东宝居民丁', phone: '13522220001', idCardNumber: idCard(24), region: aGrid } },
    dongbaoToken,
  );
  const own = await p.gql(`mutation($i: EnrollStewardInput!) { enrollSteward(input: $i) { id } }`, { i: { personId: aPerson.data.registerPerson.id, class: 5, unitId: a.unit, grid: aGrid } }, dongbaoToken);
  expect(own.errors).toBeUndefined();
  a.steward = own.data.enrollSteward.id;
});
afterAll(() => p.close());

describe('tokens', () => {
  const meQuery = `{ me { username } }`;

  it('rejects a token with a bad signature', async () => {
    const [h, c, s] = cityToken.split('.');
    const flipped = s!.slice(0, 10) + (s![10] === 'A' ? 'B' : 'A') + s!.slice(11);
    const r = await p.gql(meQuery, {}, [h, c, flipped].join('.'));
    expect(codeOf(r)).toBe('UNAUTHENTICATED');
    expect(reasonOf(r)).toBe('BAD_SIGNATURE');
  });

  it('rejects an expired token signed by identity', async () => {
    const token = await p.identity.keys.sign(
      { typ: 'access', pid: null, usr: 'city-admin', grants: [{ role: 'city_admin', region: 'jingmen' }] },
      { issuer: 'gov-identity', audience: 'gov-platform', ttlSeconds: -120, subject: p.admins.city.accountId },
    );
    const r = await p.gql(meQuery, {}, token);
    expect(codeOf(r)).toBe('UNAUTHENTICATED');
    expect(reasonOf(r)).toBe('TOKEN_EXPIRED');
  });

  it('rejects a token for another audience', async () => {
    const token = await p.identity.keys.sign(
      { typ: 'access', pid: null, usr: 'city-admin', grants: [{ role: 'city_admin', region: 'jingmen' }] },
      { issuer: 'gov-identity', audience: 'some-other-system', ttlSeconds: 60, subject: p.admins.city.accountId },
    );
    const r = await p.gql(meQuery, {}, token);
    expect(reasonOf(r)).toBe('WRONG_AUDIENCE');
  });

  it('rejects a token signed by a key identity never published', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const kid = (await exportJWK(publicKey)).x!;
    const token = await new SignJWT({ typ: 'access', usr: 'x', grants: [{ role: 'city_admin', region: 'jingmen' }] })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuer('gov-identity')
      .setAudience('gov-platform')
      .setSubject('00000000-0000-4000-8000-000000000000')
      .setExpirationTime('5m')
      .sign(privateKey);
    const r = await p.gql(meQuery, {}, token);
    expect(codeOf(r)).toBe('UNAUTHENTICATED');
    expect(reasonOf(r)).toBe('UNKNOWN_KEY');
  });

  it('rotates refresh tokens and ends the whole login when an old one is reused', async () => {
    const login = await p.gql(`mutation { login(login: "wangwu", password: "wangwu-2026") { refreshToken } }`);
    const first = login.data.login.refreshToken;
    const refreshed = await p.gql(`mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }`, { t: first });
    const second = refreshed.data.refreshToken.refreshToken;
    expect(second).not.toBe(first);

    const reuse = await p.gql(`mutation($t: String!) { refreshToken(refreshToken: $t) { refreshToken } }`, { t: first });
    expect(codeOf(reuse)).toBe('UNAUTHENTICATED');
    expect(reasonOf(reuse)).toBe('REFRESH_TOKEN_REUSED');
    // The thief's copy and the owner's newer token are both dead now.
    const afterReuse = await p.gql(`mutation($t: String!) { refreshToken(refreshToken: $t) { refreshToken } }`, { t: second });
    expect(codeOf(afterReuse)).toBe('UNAUTHENTICATED');
  });

  it('logs out: the refresh token stops working', async () => {
    const login = await p.gql(`mutation { login(login: "wangwu", password: "wangwu-2026") { refreshToken } }`);
    const t = login.data.login.refreshToken;
    expect((await p.gql(`mutation($t: String!) { logout(refreshToken: $t) }`, { t })).data.logout).toBe(true);
    expect(codeOf(await p.gql(`mutation($t: String!) { refreshToken(refreshToken: $t) { refreshToken } }`, { t }))).toBe('UNAUTHENTICATED');
  });
});

describe('county A never sees county B', () => {
  // Every operation that takes an id, a region or a grid is swept with B's objects in
  // isolation.e2e.spec.ts (built from the schema); these are the cases it does not cover.

  it('hides B in lists and nested fields instead of leaking it', async () => {
    const units = await p.gql(`{ units { items { code region } } }`, {}, dongbaoToken);
    expect(units.data.units.items.map((u: any) => u.code)).not.toContain('DDMZ');
    for (const u of units.data.units.items) expect(u.region).toMatch(/^jingmen\/dongbao(\/|$)/);
    const audit = await p.gql(`query($t: String!) { auditLog(targetId: $t) { items { id } } }`, { t: b.person }, dongbaoToken);
    expect(audit.data.auditLog.items).toEqual([]);

    // Dongbao's steward whose person and unit are Duodao's, alone and in the list: every nested field.
    const nested = `grid person { name region } unit { name region } card { grid name unitName }`;
    const query = `query($id: ID!) { steward(id: $id) { id ${nested} } stewards(filter: { region: "jingmen/dongbao" }, first: 20) { items { id ${nested} } } }`;
    const r = await p.gql(query, { id: a.mixed }, dongbaoToken);
    expect(r.errors).toBeUndefined();
    const hidden = { id: a.mixed, grid: aGrid, person: null, unit: null, card: { grid: aGrid, name: null, unitName: null } };
    expect(r.data.steward).toEqual(hidden);
    const listed: any[] = r.data.stewards.items;
    expect(listed.find((s) => s.id === a.mixed)).toEqual(hidden);
    expect(listed.map((s) => s.id)).not.toContain(b.steward);
    // What Dongbao may read does show, nested: the null above is B's, not a broken selection.
    expect(listed.find((s) => s.id === a.steward)).toEqual({
      id: a.steward,
      grid: aGrid,
      person: { name: '东宝居民丁', region: aGrid },
      unit: { name: '东宝区安全办', region: 'jingmen/dongbao' },
      card: { grid: aGrid, name: '东宝居民丁', unitName: '东宝区安全办' },
    });
    // Every nested object that does show is within A.
    for (const s of listed) {
      for (const path of [s.grid, s.card.grid, s.person?.region, s.unit?.region]) if (path !== undefined) expect(path).toMatch(/^jingmen\/dongbao(\/|$)/);
    }
    // No name or region of B anywhere in the answer.
    for (const needle of ['掇刀', '王五', 'duodao']) expect(JSON.stringify(r.body)).not.toContain(needle);

    // The control: the city admin may read B, and the same query shows B's names there.
    const city = await p.gql(query, { id: a.mixed }, cityToken);
    expect(city.data.steward).toMatchObject({ person: { name: '掇刀居民丙', region: bGrid }, unit: { name: '掇刀区民政局', region: 'jingmen/duodao' }, card: { name: '掇刀居民丙', unitName: '掇刀区民政局' } });
  });

  it('records refused attempts in the audit log of the region they aimed at', async () => {
    // Refused as if the person did not exist, and still written down under B.
    expect(codeOf(await p.gql(`query($id: ID!) { person(id: $id) { name } }`, { id: b.person }, dongbaoToken))).toBe('NOT_FOUND');
    const r = await p.gql(`query($t: String!) { auditLog(targetId: $t, operation: "person.read") { items { outcome actorName } } }`, { t: b.person }, cityToken);
    expect(r.data.auditLog.items).toContainEqual({ outcome: 'denied', actorName: 'dongbao-admin' });
  });
});

describe('bad input gets a coded error and changes nothing', () => {
  const register = `mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`;
  const good = { name: '赵六', phone: '13811112222', idCardNumber: idCard(31), region: 'jingmen/dongbao/quankou/xiangshan/g01' };

  async function expectNothingWritten(run: () => Promise<{ errors?: any[] }>, code: string, field?: string) {
    const before = await Promise.all(['person', 'steward', 'unit', 'outbox_event'].map((t) => p.count(t)));
    const r = await run();
    expect(codeOf(r)).toBe(code);
    if (field) expect(r.errors![0].extensions.fields.map((f: any) => f.path)).toContain(field);
    expect(JSON.stringify(r.errors)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack traces
    const after = await Promise.all(['person', 'steward', 'unit', 'outbox_event'].map((t) => p.count(t)));
    expect(after).toEqual(before);
  }

  it('malformed phone', () => expectNothingWritten(() => p.gql(register, { i: { ...good, phone: '1381111222' } }, cityToken), 'VALIDATION', 'phone'));
  it('ID number with a wrong check digit', () => {
    const id = idCard(32);
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    return expectNothingWritten(() => p.gql(register, { i: { ...good, idCardNumber: wrong } }, cityToken), 'VALIDATION', 'idCardNumber');
  });
  it('oversized strings', () => expectNothingWritten(() => p.gql(register, { i: { ...good, name: '长'.repeat(5000) } }, cityToken), 'VALIDATION', 'name'));
  it('a region path that is not one', () => expectNothingWritten(() => p.gql(register, { i: { ...good, region: '../../etc' } }, cityToken), 'VALIDATION', 'region'));
  it('unknown unit', async () => {
    const person = await p.gql(register, { i: { ...good, idCardNumber: idCard(33), phone: '13811113333' } }, cityToken);
    await expectNothingWritten(
      () => p.gql(`mutation($p: ID!) { enrollSteward(input: { personId: $p, class: 5, unitId: "00000000-0000-4000-8000-00000000abcd", grid: "jingmen/dongbao/quankou/xiangshan/g01" }) { id } }`, { p: person.data.registerPerson.id }, cityToken),
      'NOT_FOUND',
    );
  });
  it('a unit or a grant on a region that is not in the tree, or archived', async () => {
    const tables = ['unit', 'role_grant', 'outbox_event', 'audit_entry'];
    const before = await Promise.all(tables.map((t) => p.count(t)));
    const unit = (region: string) => p.gql(`mutation($i: CreateUnitInput!) { createUnit(input: $i) { id } }`, { i: { code: 'DBNONE', name: '无区域单位', kind: 'liaison_unit', region } }, cityToken);
    const grant = (region: string) => p.gql(`mutation($i: GrantRoleInput!) { grantRole(input: $i) { id } }`, { i: { personId: b.person, role: 'resident', region } }, cityToken);
    for (const r of [await unit('jingmen/dongbao/nowhere'), await grant('jingmen/duodao/zhanghe/nowhere')]) {
      expect([codeOf(r), reasonOf(r), r.errors![0].extensions.fields.map((f: any) => f.path)]).toEqual(['VALIDATION', 'UNKNOWN_REGION', ['region']]);
    }
    // grids archives a grid: identity refuses it once the event is in.
    const { 'jingmen/dongbao/jiedao/shequ/g09': gridId } = await p.regions('jingmen/dongbao/jiedao/shequ/g09');
    const archived = await p.gql(`mutation($id: ID!) { archiveRegion(id: $id) { id } }`, { id: gridId }, cityToken);
    expect(archived.errors).toBeUndefined();
    await eventually(async () => {
      const rows = await p.identity.em().execute<{ archived: boolean }[]>(`select archived from "${p.identity.config.DB_SCHEMA}".known_region where id = ?`, [gridId]);
      return rows[0]?.archived ? true : undefined;
    }, 20_000);
    for (const r of [await unit('jingmen/dongbao/jiedao/shequ/g09'), await grant('jingmen/dongbao/jiedao/shequ/g09')]) {
      expect([codeOf(r), reasonOf(r)]).toEqual(['VALIDATION', 'REGION_ARCHIVED']);
    }
    expect(await Promise.all(tables.map((t) => p.count(t)))).toEqual(before);
  });
  it('steward class outside 1–6', () => expectNothingWritten(() => p.gql(`mutation { enrollSteward(input: { personId: "00000000-0000-4000-8000-000000000001", class: 7, unitId: "00000000-0000-4000-8000-000000000002", grid: "jingmen/dongbao" }) { id } }`, {}, cityToken), 'VALIDATION', 'class'));
  it('a malformed id', () => expectNothingWritten(() => p.gql(`{ steward(id: "not-an-id") { id } }`, {}, cityToken), 'VALIDATION', 'id'));

  it('too-deep queries are refused before anything runs', async () => {
    const deep = `{ stewards { items { reportsTo { reportsTo { reportsTo { reportsTo { reportsTo { reportsTo { reportsTo { id } } } } } } } } } }`;
    const r = await p.gql(deep, {}, cityToken);
    expect(codeOf(r)).toBe('VALIDATION');
    expect(reasonOf(r)).toBe('QUERY_TOO_DEEP');
    expect(r.data).toBeUndefined();
  });

  it('too-costly queries are refused', async () => {
    const costly = `{ stewards(first: 100) { items { person { name } unit { name } card { duties } reportsTo { person { name } unit { name } card { duties } } } } }`;
    const r = await p.gql(costly, {}, cityToken);
    expect(reasonOf(r)).toBe('QUERY_TOO_COSTLY');
  });

  it('at most 5 operations per HTTP request', async () => {
    const op = { query: '{ me { username } }' };
    const send = (n: number) =>
      fetch(`${p.gateway.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${cityToken}` }, body: JSON.stringify(Array(n).fill(op)) });
    const ok = await send(5);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as unknown[]).length).toBe(5);
    const tooMany = await send(6);
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as any).errors[0].extensions.code).toBe('VALIDATION');
  });
});
