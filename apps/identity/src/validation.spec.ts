import { AppError, type Actor } from '@gov/kernel';
import { IdentityRpc, type PersonView, type StewardView, type UnitView } from '@gov/identity-contracts';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext, idCard } from '@gov/platform-testing';
import { randomUUID } from 'node:crypto';
import { startIdentity, type IdentityTestApp } from './testing.js';
import { ensureBootstrapAdmin } from './seed/bootstrap.js';
import { GridsRegions, publishRegions } from './fixtures.js';


const t = new TestContext();
const grid = 'jingmen/dongbao/longquan/xiangshan/g03';
const TABLES = ['person', 'account', 'unit', 'steward', 'steward_number_history', 'role_grant', 'outbox_event', 'audit_entry'] as const;
let app: IdentityTestApp;
let rpc: RpcClient;
let admin: Actor;
let unit: UnitView;
let person: PersonView;

async function counts(): Promise<Record<string, number>> {
  const em = app.orm.em.fork();
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = await em.execute<{ n: string }[]>(`select count(*) as n from "${app.config.DB_SCHEMA}".${table}`);
    out[table] = Number(row!.n);
  }
  return out;
}

/** Calls `subject`, expects a coded error, and checks that the schema is unchanged. */
async function rejectsWithoutWriting(subject: string, input: unknown): Promise<AppError> {
  const before = await counts();
  const err = await rpc.request(subject, input, { actor: admin }).then(
    () => {
      throw new Error(`${subject} accepted ${JSON.stringify(input).slice(0, 200)}`);
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  // The reply comes after the handler's transaction ended: whatever it wrote is visible now.
  expect(await counts()).toEqual(before);
  return err as AppError;
}

/** The distinct field paths of a VALIDATION error (one field may fail several rules). */
function paths(err: AppError): string[] {
  return [...new Set((err.fields ?? []).map((f) => f.path))];
}

const validPerson = (serial: number) => ({ name: '赵六', phone: '13912345678', idCardNumber: idCard(serial), region: grid });

beforeAll(async () => {
  app = await startIdentity(t.env('identity', { OUTBOX_POLL_MS: '50' }));
  rpc = await t.rpc();
  admin = await ensureBootstrapAdmin(app.app, {
    username: 'dongbao-admin',
    password: 'password-1',
    name: '东宝管理员',
    phone: '13800000002',
    idCardNumber: idCard(2),
    region: 'jingmen/dongbao',
    grants: [{ role: 'county_admin', region: 'jingmen/dongbao' }],
  });
  await publishRegions(app, await GridsRegions.of(t), 'jingmen/dongbao');
  unit = await rpc.request<UnitView>(IdentityRpc.unitCreate, { code: 'DBVL', name: '东宝验证单位', kind: 'enterprise', region: 'jingmen/dongbao' }, { actor: admin });
  person = await rpc.request<PersonView>(IdentityRpc.personRegister, validPerson(10), { actor: admin });
});
afterAll(async () => {
  await app.close();
  await t.cleanup();
});

describe('person registration rejects bad input and writes nothing', () => {
  it.each([
    ['too short', '1391234567'],
    ['too long', '139123456789'],
    ['landline prefix', '01012345678'],
    ['letters', '1391234567a'],
  ])('malformed phone (%s)', async (_label, phone) => {
    const err = await rejectsWithoutWriting(IdentityRpc.personRegister, { ...validPerson(20), phone });
    expect(err.code).toBe('VALIDATION');
    expect(paths(err)).toEqual(['phone']);
    expect(err.message).toContain('phone');
  });

  it('an ID number with a wrong check digit', async () => {
    const good = idCard(21);
    const wrongCheck = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const err = await rejectsWithoutWriting(IdentityRpc.personRegister, { ...validPerson(21), idCardNumber: wrongCheck });
    expect(err.code).toBe('VALIDATION');
    expect(paths(err)).toEqual(['idCardNumber']);
  });

  it.each([
    ['30 February', '19900230'],
    ['month 13', '19901301'],
    ['before 1900', '18991231'],
    ['in the future', `${new Date().getUTCFullYear() + 1}0101`],
  ])('an ID number with an impossible birth date (%s), even with a correct checksum', async (_label, birth) => {
    const err = await rejectsWithoutWriting(IdentityRpc.personRegister, { ...validPerson(22), idCardNumber: idCard(22, birth) });
    expect(err.code).toBe('VALIDATION');
    expect(paths(err)).toEqual(['idCardNumber']);
  });

  it('oversized strings', async () => {
    let err = await rejectsWithoutWriting(IdentityRpc.personRegister, { ...validPerson(23), name: '张'.repeat(500) });
    expect(err.code).toBe('VALIDATION');
    expect(paths(err)).toEqual(['name']);

    err = await rejectsWithoutWriting(IdentityRpc.personRegister, { ...validPerson(23), region: `jingmen/${'a'.repeat(300)}` });
    expect(err.code).toBe('VALIDATION');
    expect(paths(err)).toEqual(['region']);

    err = await rejectsWithoutWriting(IdentityRpc.personRegister, { ...validPerson(23), idCardNumber: `${idCard(23)}${'1'.repeat(500)}` });
    expect(err.code).toBe('VALIDATION');
    expect(paths(err)).toContain('idCardNumber');

    // A request body over the messaging limit is refused before it is parsed.
    err = await rejectsWithoutWriting(IdentityRpc.personRegister, { ...validPerson(23), name: 'x'.repeat(300 * 1024) });
    expect(err.code).toBe('VALIDATION');
  });

  it('wrong types and empty values, listing every bad field at once', async () => {
    const err = await rejectsWithoutWriting(IdentityRpc.personRegister, { name: '   ', phone: 13912345678, idCardNumber: null, region: 'Jingmen/Dongbao' });
    expect(err.code).toBe('VALIDATION');
    expect(paths(err).sort()).toEqual(['idCardNumber', 'name', 'phone', 'region']);
  });

  it('a username without a password', async () => {
    const err = await rejectsWithoutWriting(IdentityRpc.personRegister, { ...validPerson(24), username: 'someone' });
    expect(err.code).toBe('VALIDATION');
    expect(paths(err)).toEqual(['password']);
  });

  it('a duplicate ID number is a CONFLICT, also when the check character differs only in case', async () => {
    let err = await rejectsWithoutWriting(IdentityRpc.personRegister, { ...validPerson(10), name: '另一个人', phone: '13700000000' });
    expect(err.code).toBe('CONFLICT');
    expect(err.reason).toBe('DUPLICATE_ID_CARD');

    // Find a serial whose check character is X, register it, then try the lowercase form.
    let serial = 100;
    while (!idCard(serial).endsWith('X')) serial++;
    await rpc.request<PersonView>(IdentityRpc.personRegister, validPerson(serial), { actor: admin });
    err = await rejectsWithoutWriting(IdentityRpc.personRegister, { ...validPerson(serial), idCardNumber: idCard(serial).toLowerCase() });
    expect(err.code).toBe('CONFLICT');
    expect(err.reason).toBe('DUPLICATE_ID_CARD');
  });

  it('a taken username is a CONFLICT', async () => {
    const err = await rejectsWithoutWriting(IdentityRpc.personRegister, { ...validPerson(25), username: 'dongbao-admin', password: 'long-enough-1' });
    expect(err.code).toBe('CONFLICT');
    expect(err.reason).toBe('DUPLICATE_USERNAME');
  });
});

describe('steward enrollment rejects bad input and writes nothing', () => {
  const enroll = (extra: Record<string, unknown> = {}) => ({ personId: person.id, class: 6, unitId: unit.id, grid, building: '12', ...extra });

  it('an unknown unit is NOT_FOUND', async () => {
    const missing = randomUUID();
    const err = await rejectsWithoutWriting(IdentityRpc.stewardEnroll, enroll({ unitId: missing }));
    expect(err.code).toBe('NOT_FOUND');
    expect(err.message).toContain(missing);
  });

  it('an unknown person is NOT_FOUND', async () => {
    const err = await rejectsWithoutWriting(IdentityRpc.stewardEnroll, enroll({ personId: randomUUID() }));
    expect(err.code).toBe('NOT_FOUND');
  });

  it.each([
    ['class 7', { class: 7 }, 'class'],
    ['class 0', { class: 0 }, 'class'],
    ['class as a string', { class: '6' }, 'class'],
    ['a unit id that is not an id', { unitId: 'DBVL' }, 'unitId'],
    ['a lowercase building', { building: 'b12' }, 'building'],
    ['an unknown deliberation role', { deliberationRole: 'chairman' }, 'deliberationRole'],
    ['an unknown sentinel role', { sentinelRole: 'general' }, 'sentinelRole'],
    ['a grid with spaces', { grid: 'jingmen/dongbao/long quan' }, 'grid'],
  ])('%s is VALIDATION with the field path', async (_label, extra, path) => {
    const err = await rejectsWithoutWriting(IdentityRpc.stewardEnroll, enroll(extra));
    expect(err.code).toBe('VALIDATION');
    expect(paths(err)).toEqual([path]);
  });

  it('nothing was enrolled by any of the rejected calls; a valid call then succeeds', async () => {
    const before = await counts();
    expect(before.steward).toBe(0);
    const s = await rpc.request<StewardView>(IdentityRpc.stewardEnroll, enroll(), { actor: admin });
    // The number sequence was not consumed by the failed attempts.
    expect(s.number).toBe('6-DBVL-G03-12-0001');
    const after = await counts();
    expect(after.steward).toBe(1);
    expect(after.outbox_event).toBe(before.outbox_event + 1);

    // Enrolling the same person again is a CONFLICT and writes nothing.
    const err = await rejectsWithoutWriting(IdentityRpc.stewardEnroll, enroll({ building: '13' }));
    expect(err.code).toBe('CONFLICT');
    expect(err.reason).toBe('ALREADY_ENROLLED');
  });

  it('enrolling one person from several requests at once makes one steward; the others get ALREADY_ENROLLED', async () => {
    const other = await rpc.request<PersonView>(IdentityRpc.personRegister, validPerson(77), { actor: admin });
    const before = await counts();
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => rpc.request<StewardView>(IdentityRpc.stewardEnroll, { ...enroll({ building: String(20 + i) }), personId: other.id }, { actor: admin })),
    );
    const enrolled = results.filter((r) => r.status === 'fulfilled');
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as AppError] : []));
    expect(enrolled).toHaveLength(1);
    expect(refused.map((e) => [e.code, e.reason])).toEqual(Array.from({ length: 5 }, () => ['CONFLICT', 'ALREADY_ENROLLED']));
    const after = await counts();
    expect(after.steward - before.steward).toBe(1);
    expect(after.steward_number_history - before.steward_number_history).toBe(1);
    expect(after.outbox_event - before.outbox_event).toBe(1);
  });
});
