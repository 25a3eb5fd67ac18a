import type { Actor } from '@gov/kernel';
import { GridsRpc, QR_SHEET_MAX_BUILDINGS, type BuildingQrView, type QrResolutionView, type QrSheetView, type RegionView } from '@gov/grids-contracts';
import { ConfigError, parseConfig } from '@gov/platform-config';
import type { RpcClient } from '@gov/platform-messaging';
import { TestContext, eventually, readEvents } from '@gov/platform-testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { crc32, inflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { gridsConfigSchema, qrSettings } from '../config.js';
import { knownPerson, sampleTerritory, type SampleTerritory } from '../fixtures.js';
import { startGrids, type GridsTestApp } from '../testing.js';
import { QrTokenSigner } from './qr-token.js';

const t = new TestContext();
let app: GridsTestApp;
let rpc: RpcClient;
let land: SampleTerritory;

const actor = (region: string, role: Actor['grants'][number]['role']): Actor => ({
  accountId: randomUUID(),
  personId: null,
  username: `${role}-${region.split('/').at(-1)}`,
  grants: [{ role, region }],
});
const cityAdmin = actor('jingmen', 'city_admin');
const dongbaoAdmin = actor('jingmen/dongbao', 'county_admin');
const duodaoAdmin = actor('jingmen/duodao', 'county_admin');
const g03Worker = actor('jingmen/dongbao/longquan/xiangshan/g03', 'grid_worker');
const g01Worker = actor('jingmen/dongbao/longquan/xiangshan/g01', 'grid_worker');
const resident = actor('jingmen/dongbao/longquan/xiangshan', 'resident');
let workerPersonId: string;

const get = (buildingId: string, as: Actor) => rpc.request<BuildingQrView>(GridsRpc.qrGet, { buildingId }, { actor: as });
const rotate = (buildingId: string, as: Actor) => rpc.request<BuildingQrView>(GridsRpc.qrRotate, { buildingId }, { actor: as });
const sheet = (regionId: string, as: Actor) => rpc.request<QrSheetView>(GridsRpc.qrSheet, { regionId }, { actor: as });
/** Anonymous, as a resident's phone calls it. */
const resolve = (token: string) => rpc.request<QrResolutionView>(GridsRpc.qrResolve, { token });

/** Decodes the PNG (chunks, CRCs, 1-bit grayscale pixels) and compares every module's centre with the code of `text`. */
function expectPngOfCode(png: Buffer, text: string): void {
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)) >>> 0);
    chunks.push({ type, data });
    at += 12 + length;
  }
  expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const ihdr = chunks[0]!.data;
  const width = ihdr.readUInt32BE(0);
  expect([ihdr.readUInt32BE(4), ...ihdr.subarray(8)]).toEqual([width, 1, 0, 0, 0, 0]);
  const raw = inflateSync(chunks[1]!.data);
  const rowBytes = Math.ceil(width / 8) + 1;
  expect(raw.length).toBe(rowBytes * width);
  const white = (x: number, y: number) => (raw[y * rowBytes + 1 + (x >> 3)]! & (0x80 >> (x & 7))) !== 0;
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const scale = width / (modules.size + 8);
  expect(Number.isInteger(scale) && scale >= 8).toBe(true);
  expect(white(0, 0)).toBe(true); // the quiet zone
  const centre = (m: number) => Math.floor((m + 4 + 0.5) * scale);
  const wrong: string[] = [];
  for (let my = 0; my < modules.size; my++) {
    for (let mx = 0; mx < modules.size; mx++) if (white(centre(mx), centre(my)) === !!modules.get(my, mx)) wrong.push(`${mx},${my}`);
  }
  expect(wrong).toEqual([]);
}

/** What refusals must leave alone: the codes and the outbox. */
async function snapshot(): Promise<unknown> {
  const em = app.em();
  const schema = app.config.DB_SCHEMA;
  const codes = await em.execute(`select building_id, version, issued_at from "${schema}".building_qr order by building_id`);
  const [events] = await em.execute<{ n: string }[]>(`select count(*) as n from "${schema}".outbox_event`);
  return { codes, events: events!.n };
}

beforeAll(async () => {
  app = await startGrids(t.env('grids', { OUTBOX_POLL_MS: '50' }));
  rpc = await t.rpc();
  land = await sampleTerritory(rpc, cityAdmin);
  workerPersonId = await knownPerson(app.app, 'jingmen/dongbao/longquan/xiangshan/g03');
  await rpc.request(GridsRpc.staffAssign, { layerKey: 'comprehensive', gridId: land.g03.id, personId: workerPersonId, name: '王网格' }, { actor: cityAdmin });
});
afterAll(async () => {
  await app?.close();
  await t.cleanup();
});

describe('building QR codes (码上议)', () => {
  let first: BuildingQrView;

  it('refuses staff operations to a caller who is not signed in', async () => {
    await expect(rpc.request(GridsRpc.qrGet, { buildingId: land.building1.id })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(rpc.request(GridsRpc.qrRotate, { buildingId: land.building1.id })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(rpc.request(GridsRpc.qrSheet, { regionId: land.compound.id })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('issues version 1 on first ask, as SVG and PNG, and the same code on the next ask', async () => {
    first = await get(land.building1.id, dongbaoAdmin);
    expect(first).toMatchObject({ buildingId: land.building1.id, buildingName: '象山新村1栋', version: 1 });
    expect(first.url).toBe(`http://localhost:4000/r/?t=${first.token}`);
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{22}\.1\.[A-Za-z0-9_-]{22}$/);
    expect(first.svg).toContain('<svg');
    expect(first.png).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(first.png.slice('data:image/png;base64,'.length), 'base64');
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expectPngOfCode(png, first.url);
    // The grid's worker gets the same code; asking again issues nothing new.
    expect(await get(land.building1.id, g03Worker)).toMatchObject({ token: first.token, version: 1, issuedAt: first.issuedAt });
    const rows = await app.em().execute(`select version, issued_by from "${app.config.DB_SCHEMA}".building_qr where building_id = ?`, [land.building1.id]);
    expect(rows).toEqual([{ version: 1, issued_by: dongbaoAdmin.accountId }]);
  });

  it('resolves a code without sign-in to the building, its grid and its team, without ids or phones of people', async () => {
    const r = await resolve(first.token);
    expect(r.building).toEqual({ id: land.building1.id, name: '象山新村1栋', path: land.building1.path });
    expect(r.grid).toEqual({ id: land.g03.id, name: land.g03.name, path: land.g03.path });
    expect(r.compound).toEqual({ id: land.compound.id, name: '象山新村小区', path: land.compound.path });
    expect(r.community).toEqual({ id: land.xiangshan.id, name: '象山社区', path: land.xiangshan.path });
    expect(r.version).toBe(1);
    expect(r.team).toContainEqual({ name: '王网格', role: 'grid_worker', titleZh: '网格员', layerKey: 'comprehensive', layerNameZh: '综合治理网格', gridName: land.g03.name });
    expect(JSON.stringify(r)).not.toContain(workerPersonId);
    expect(Object.keys(r.team[0]!).sort()).toEqual(['gridName', 'layerKey', 'layerNameZh', 'name', 'role', 'titleZh']);
  });

  it('rotates: the old token is refused, the new one resolves, and the event is on the stream without the token', async () => {
    const rotated = await rotate(land.building1.id, g03Worker);
    expect(rotated).toMatchObject({ buildingId: land.building1.id, version: 2 });
    expect(rotated.token).not.toBe(first.token);
    await expect(resolve(first.token)).rejects.toMatchObject({ code: 'NOT_FOUND', reason: 'QR_REVOKED' });
    expect((await resolve(rotated.token)).version).toBe(2);
    expect(await get(land.building1.id, dongbaoAdmin)).toMatchObject({ token: rotated.token, version: 2 });

    const events = await eventually(async () => {
      const e = await readEvents(await t.nats(), t.ns, (e) => e.type === 'gov.grids.building-qr.rotated.v1');
      return e.length ? e : undefined;
    });
    expect(events).toHaveLength(1);
    expect(events[0]!.natsSubject).toBe(`${t.runId}.evt.dongbao.grids.building-qr.rotated.v1`);
    expect(events[0]!.data).toMatchObject({ buildingId: land.building1.id, version: 2, previousVersion: 1, rotatedBy: g03Worker.accountId });
    const raw = JSON.stringify(events[0]);
    expect(raw).not.toContain(rotated.token.split('.')[2]);
    expect(raw).not.toContain(first.token.split('.')[2]);
  });

  it('refuses forged, tampered, foreign-key and malformed tokens with coded errors and changes nothing', async () => {
    const current = await get(land.building1.id, dongbaoAdmin);
    const before = await snapshot();
    const [idPart, version, mac] = current.token.split('.') as [string, string, string];
    const otherId = (await get(land.building2.id, dongbaoAdmin)).token.split('.')[0]!;
    const afterIssue = await snapshot();

    const flipped = mac.slice(0, 5) + (mac[5] === 'A' ? 'B' : 'A') + mac.slice(6);
    await expect(resolve(`${idPart}.${version}.${flipped}`)).rejects.toMatchObject({ code: 'NOT_FOUND', reason: 'QR_FORGED' });
    // Another building's id under this building's signature.
    await expect(resolve(`${otherId}.${version}.${mac}`)).rejects.toMatchObject({ code: 'NOT_FOUND', reason: 'QR_FORGED' });
    // A later version nobody issued.
    await expect(resolve(`${idPart}.${Number(version) + 1}.${mac}`)).rejects.toMatchObject({ code: 'NOT_FOUND', reason: 'QR_FORGED' });
    // Signed well, with another key (another deployment, or a guessed one).
    const foreign = new QrTokenSigner(randomBytes(32)).sign({ buildingId: land.building1.id, version: Number(version) });
    await expect(resolve(foreign)).rejects.toMatchObject({ code: 'NOT_FOUND', reason: 'QR_FORGED' });

    for (const garbage of ['hello', `${idPart}.${version}`, `${idPart}.0.${mac}`, `${idPart}.${version}.${mac}.x`, `${idPart}.${version}.${mac}=`, `${mac}${idPart}`]) {
      await expect(resolve(garbage)).rejects.toMatchObject({ code: 'VALIDATION', reason: 'QR_MALFORMED' });
    }
    await expect(resolve('')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(resolve('x'.repeat(500))).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(rpc.request(GridsRpc.qrResolve, { token: 42 })).rejects.toMatchObject({ code: 'VALIDATION' });

    expect(await snapshot()).toEqual(afterIssue);
    expect(before).not.toEqual(afterIssue); // building 2's first issue is the only change
  });

  it('keeps another county, residents and other grids out with NOT_FOUND, exactly as for an unknown id, and issues nothing for them', async () => {
    const before = await snapshot();
    const unknown = randomUUID();
    for (const outsider of [duodaoAdmin, resident, g01Worker]) {
      await expect(get(land.building1.id, outsider)).rejects.toMatchObject({ code: 'NOT_FOUND', message: `building ${land.building1.id} not found` });
      await expect(rotate(land.building1.id, outsider)).rejects.toMatchObject({ code: 'NOT_FOUND', message: `building ${land.building1.id} not found` });
      await expect(sheet(land.compound.id, outsider)).rejects.toMatchObject({ code: 'NOT_FOUND', message: `region ${land.compound.id} not found` });
    }
    await expect(get(unknown, dongbaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND', message: `building ${unknown} not found` });
    await expect(sheet(unknown, dongbaoAdmin)).rejects.toMatchObject({ code: 'NOT_FOUND', message: `region ${unknown} not found` });
    expect(await snapshot()).toEqual(before);
    // Duodao's admin works on Duodao's buildings only: there are none, so an empty sheet.
    expect(await sheet(land.baishipo.id, duodaoAdmin)).toMatchObject({ regionId: land.baishipo.id, buildings: 0 });
  });

  it('answers VALIDATION for a node that is not a building, and for bad ids', async () => {
    await expect(get(land.compound.id, dongbaoAdmin)).rejects.toMatchObject({ code: 'VALIDATION', reason: 'NOT_A_BUILDING' });
    await expect(rotate(land.g03.id, dongbaoAdmin)).rejects.toMatchObject({ code: 'VALIDATION', reason: 'NOT_A_BUILDING' });
    await expect(get('not-an-id', dongbaoAdmin)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(sheet('not-an-id', dongbaoAdmin)).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('prints a sheet of every building below a node, each with its names, and issues the codes it prints', async () => {
    const b3 = await rpc.request<RegionView>(GridsRpc.regionCreate, { parentId: land.g03.id, code: 'b3', name: '象山3栋<小>', location: { lat: 31.025, lng: 112.205 } }, { actor: cityAdmin });
    const s = await sheet(land.xiangshan.id, dongbaoAdmin);
    expect(s).toMatchObject({ regionId: land.xiangshan.id, buildings: 3 });
    for (const text of ['象山新村1栋', '象山新村2栋', '象山3栋&lt;小&gt;', '象山新村小区', '象山社区', '扫码反映问题', '@page', 'A4']) expect(s.html).toContain(text);
    expect(s.html).not.toContain('象山3栋<小>');
    expect(s.html.match(/<svg/g)).toHaveLength(3);
    const issued = await app.em().execute<{ version: number }[]>(`select version from "${app.config.DB_SCHEMA}".building_qr where building_id = ?`, [b3.id]);
    expect(issued).toEqual([{ version: 1 }]);
    // The grid worker prints the grid's sheet; a compound's sheet holds its two buildings.
    expect((await sheet(land.g03.id, g03Worker)).buildings).toBe(3);
    expect((await sheet(land.compound.id, g03Worker)).buildings).toBe(2);
    expect((await sheet(land.building1.id, g03Worker)).buildings).toBe(1);
  });

  it('prints a full sheet within one message, and refuses one building more', async () => {
    const addBuildings = (from: number, to: number) =>
      app.em().execute(
        `insert into "${app.config.DB_SCHEMA}".region (id, parent_id, path, code, level, name)
         select gen_random_uuid(), ?::uuid, ?::text || '/x' || n, 'x' || n, 'building', '楼' || n from generate_series(?::int, ?::int) as n`,
        [land.g02.id, land.g02.path, from, to],
      );
    await addBuildings(1, QR_SHEET_MAX_BUILDINGS);
    const full = await sheet(land.g02.id, dongbaoAdmin);
    expect(full.buildings).toBe(QR_SHEET_MAX_BUILDINGS);
    // NATS refuses messages over 1 MB: the cap keeps the sheet well below.
    expect(Buffer.byteLength(JSON.stringify(full))).toBeLessThan(768 * 1024);
    await addBuildings(QR_SHEET_MAX_BUILDINGS + 1, QR_SHEET_MAX_BUILDINGS + 1);
    await expect(sheet(land.g02.id, dongbaoAdmin)).rejects.toMatchObject({ code: 'VALIDATION', reason: 'QR_SHEET_TOO_LARGE' });
  });

  it('refuses the codes of an archived building', async () => {
    const current = await get(land.building2.id, dongbaoAdmin);
    await rpc.request(GridsRpc.regionArchive, { id: land.building2.id }, { actor: dongbaoAdmin });
    await expect(resolve(current.token)).rejects.toMatchObject({ code: 'NOT_FOUND', reason: 'QR_REVOKED' });
    await expect(get(land.building2.id, dongbaoAdmin)).rejects.toMatchObject({ code: 'VALIDATION', reason: 'ARCHIVED' });
    await expect(rotate(land.building2.id, dongbaoAdmin)).rejects.toMatchObject({ code: 'VALIDATION', reason: 'ARCHIVED' });
    expect((await sheet(land.compound.id, dongbaoAdmin)).buildings).toBe(1);
  });
});

describe('QR tokens and settings', () => {
  const signer = new QrTokenSigner(randomBytes(32));
  const id = randomUUID();

  it('round-trips, and accepts one spelling only', () => {
    const token = signer.sign({ buildingId: id, version: 7 });
    expect(token.length).toBeLessThanOrEqual(50);
    expect(signer.verify(token)).toEqual({ buildingId: id, version: 7 });
    // The last of 22 base64url characters carries 2 unused bits: another spelling of the same bytes.
    const [idPart, v, mac] = token.split('.') as [string, string, string];
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = alphabet.indexOf(idPart.at(-1)!);
    const respelled = idPart.slice(0, -1) + alphabet[last ^ 1];
    expect(() => signer.verify(`${respelled}.${v}.${mac}`)).toThrow(expect.objectContaining({ reason: 'QR_MALFORMED' }));
  });

  it('requires a key and the public URL in production, and checks the key', () => {
    const env = { NODE_ENV: 'production' };
    expect(() => qrSettings(parseConfig(gridsConfigSchema, env))).toThrow(new ConfigError('QR_SIGNING_KEY', 'is required in production'));
    expect(() => qrSettings(parseConfig(gridsConfigSchema, { ...env, QR_SIGNING_KEY: randomBytes(32).toString('base64') }))).toThrow(/QR_BASE_URL is required in production/);
    expect(() => parseConfig(gridsConfigSchema, { QR_SIGNING_KEY: randomBytes(16).toString('base64') })).toThrow(/QR_SIGNING_KEY is invalid/);
    expect(() => parseConfig(gridsConfigSchema, { QR_BASE_URL: 'ftp://x/scan' })).toThrow(/QR_BASE_URL is invalid/);
    const key = randomBytes(32);
    const s = qrSettings(parseConfig(gridsConfigSchema, { ...env, QR_SIGNING_KEY: key.toString('base64'), QR_BASE_URL: 'https://gov.example/scan' }));
    expect(s).toEqual({ signingKey: key, baseUrl: 'https://gov.example/scan', development: false });
    expect(qrSettings(parseConfig(gridsConfigSchema, {})).development).toBe(true);
  });
});
