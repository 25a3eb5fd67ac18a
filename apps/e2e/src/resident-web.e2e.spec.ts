// The resident page (码上议, apps/resident-web) in a real browser against the whole platform: a
// resident scans a building's code, files a petition with a photo, follows it by its tracking code
// while staff screen, assign, accept and resolve it through GraphQL, and rates the result; a
// forged code and an unknown tracking code get their Chinese sentences.
//
// The browser is Debian's chromium (npm test installs it when missing; CHROMIUM_PATH names another),
// driven headless by playwright-core, which never downloads one. The page is built from its
// sources into a temporary folder that this run's gateway serves under /r/.
import { eventually } from '@gov/platform-testing';
import { buildResidentWeb } from '@gov/resident-web/build';
import * as pageOperations from '@gov/resident-web/operations';
import { buildSchema, parse, validate } from 'graphql';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './browser.js';
import { idCard, startPlatform, type Platform } from './harness.js';

/** One browser flow on a busy two-core machine: page loads, a photo upload, a dozen GraphQL calls. */
const FLOW_TIMEOUT_MS = 120_000;
/** How long the page may take to show one thing (Playwright's waits poll until then). */
const UI_WAIT_MS = 20_000;
/** A cheap phone held upright. */
const PHONE = { width: 360, height: 740 };
const TRACKING_CODE = /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/;
const MY_PETITIONS_KEY = 'gov.resident-web.my-petitions.v1';

const grid = 'jingmen/dongbao/quankou/xiangshan/g01';
const BUILDING = '象山1栋';
const STAFF_NAME = '王网格';
const DESCRIPTION = '三楼楼道堆满纸箱和旧家具，挡住了消防通道，已经一个多星期了。';
const RESULT = '网格员已联系住户清理楼道杂物，消防通道恢复畅通。';

let p: Platform;
let browser: Browser;
let scratch: string;
let photo: string;
let staffToken: string;
let qrToken: string;

/** A rectangle as a GeoJSON polygon. */
const box = (w: number, s: number, e: number, n: number) => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });

async function ok<T = any>(query: string, variables: Record<string, unknown>, token = staffToken): Promise<T> {
  const r = await p.gql(query, variables, token);
  if (r.errors) throw new Error(`${query.split('(')[0]} failed: ${JSON.stringify(r.errors)}`);
  return r.data;
}

/**
 * A small valid PNG (an RGB gradient), made without a canvas: the page decodes it, shrinks it
 * and uploads it as a JPEG, as it does with a phone's photo.
 */
function pngFixture(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB, deflate, no filter, no interlace
  const rowBytes = 1 + width * 3; // a filter-type byte, then the pixels
  const pixels = Buffer.alloc(rowBytes * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels.set([(x * 255) / width, (y * 255) / height, 128], y * rowBytes + 1 + x * 3);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}

/** A phone-sized page whose script errors fail the test. */
async function phonePage(): Promise<{ page: Page; scriptErrors: string[] }> {
  const context = await browser.newContext({ viewport: PHONE, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(UI_WAIT_MS);
  const scriptErrors: string[] = [];
  page.on('pageerror', (err) => scriptErrors.push(err.message));
  // Console errors include a Content-Security-Policy refusal and failed loads of the page's own files.
  page.on('console', (msg) => {
    if (msg.type() === 'error') scriptErrors.push(msg.text());
  });
  return { page, scriptErrors };
}

const pageUrl = (search: string) => `${p.gateway.url}/r/${search}`;

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'resident-web-e2e-'));
  const web = await buildResidentWeb({ outdir: path.join(scratch, 'web') });
  photo = path.join(scratch, 'corridor.png');
  fs.writeFileSync(photo, pngFixture(64, 48));

  p = await startPlatform({ RESIDENT_WEB_DIR: web.outdir });
  const cityToken = await p.login('city-admin', 'demo-city-2026');
  staffToken = await p.login('dongbao-admin', 'dongbao-2026');

  // The building on the tree, with a location inside its grid so that the grid's staff are its team.
  const node = (token: string, i: Record<string, unknown>) => ok(`mutation($i: CreateRegionInput!) { createRegion(input: $i) { id } }`, { i }, token).then((d) => d.createRegion.id as string);
  const city = await node(cityToken, { parentId: null, code: 'jingmen', name: '荆门市', shape: box(111.8, 30.6, 112.8, 31.6) });
  const county = await node(cityToken, { parentId: city, code: 'dongbao', name: '东宝区', shape: box(112.0, 31.0, 112.5, 31.5) });
  const street = await node(staffToken, { parentId: county, code: 'quankou', name: '泉口街道', shape: box(112.15, 31.0, 112.25, 31.1) });
  const community = await node(staffToken, { parentId: street, code: 'xiangshan', name: '象山社区', shape: box(112.18, 31.02, 112.21, 31.05) });
  const gridId = await node(staffToken, { parentId: community, code: 'g01', name: '象山社区第一网格', shape: box(112.18, 31.02, 112.195, 31.05) });
  const building = await node(staffToken, { parentId: gridId, code: 'b1', name: BUILDING, location: { lat: 31.03, lng: 112.185 } });
  await p.identityKnows([grid]);

  // The grid's worker, whom the page shows as the building's team (grids learns the person from identity's events).
  const person = await ok(`mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { id } }`, { i: { name: STAFF_NAME, phone: '13712340001', idCardNumber: idCard(701), region: grid } });
  await eventually(async () => {
    const r = await p.gql(`mutation($i: AssignGridStaffInput!) { assignGridStaff(input: $i) { id } }`, { i: { layerKey: 'comprehensive', gridId, personId: person.registerPerson.id, name: STAFF_NAME } }, staffToken);
    return r.errors ? undefined : r.data;
  }, UI_WAIT_MS);

  qrToken = (await ok(`query($b: ID!) { buildingQr(buildingId: $b) { token } }`, { b: building })).buildingQr.token;
  browser = await launchChromium();
}, FLOW_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await p?.close();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

describe('the resident page', () => {
  it('asks the gateway only what its schema has, each read within the query limits', async () => {
    const schema = buildSchema(fs.readFileSync(new URL('../../gateway/schema.graphql', import.meta.url), 'utf8'));
    const documents = Object.entries(pageOperations as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string');
    expect(documents.map(([name]) => name).sort()).toEqual(['BUILDING', 'CATEGORIES', 'NOTICES', 'RATE', 'SUBMIT', 'TRACK']);
    for (const [name, document] of documents) expect([name, validate(schema, parse(document)).map((e) => e.message)]).toEqual([name, []]);
    // The building page's three reads, as the page sends them (the limits count each operation).
    const reads = await Promise.all([
      p.gql(pageOperations.BUILDING, { token: qrToken }),
      p.gql(pageOperations.CATEGORIES),
      p.gql(pageOperations.NOTICES, { token: qrToken, first: pageOperations.NOTICES_SHOWN }),
    ]);
    expect(reads.map((r) => r.errors ?? [])).toEqual([[], [], []]);
  });

  it(
    'files a petition with a photo from the building code, follows it to its result and rates it',
    async () => {
      const { page, scriptErrors } = await phonePage();
      await page.goto(pageUrl(`?t=${encodeURIComponent(qrToken)}`));
      await page.getByRole('heading', { name: BUILDING }).waitFor();
      await page.getByText(STAFF_NAME).waitFor();
      const form = page.getByRole('form', { name: '我要反映问题' });
      await form.or(page.getByRole('alert')).first().waitFor();
      if (!(await form.isVisible())) throw new Error(`the petition form did not load: ${await page.locator('main').innerText()}`);
      // Made for a 360 px phone: nothing sticks out sideways.
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);

      // Sent empty, the form says what is missing, at the field, before any request.
      const submit = page.getByRole('button', { name: '提交诉求' });
      await submit.click();
      await page.getByText('请选择问题类型（先选大类，再选小类）。').waitFor();
      await page.getByText('请填写问题描述。').waitFor();

      await page.getByLabel('问题大类').selectOption({ label: '物业管理' });
      await page.getByLabel('问题小类').selectOption({ label: '楼道堆物' });
      await page.getByLabel('问题描述').fill(DESCRIPTION);
      await page.getByLabel('标题（选填）').fill('三楼楼道堆物');
      await page.getByLabel('照片（选填）').setInputFiles(photo);
      await page.getByRole('img', { name: '第 1 张照片' }).waitFor();
      await page.getByLabel('姓名', { exact: true }).fill('张三');
      await page.getByLabel('联系电话').fill('138 0013 8000');
      await submit.click();

      await page.getByRole('heading', { name: '提交成功' }).waitFor();
      const code = (await page.getByLabel('您的查询码').textContent())?.trim() ?? '';
      expect(code).toMatch(TRACKING_CODE);
      // This phone keeps the code with the key that lets it rate the result.
      const kept = JSON.parse((await page.evaluate<string | null>(`localStorage.getItem(${JSON.stringify(MY_PETITIONS_KEY)})`)) ?? '[]');
      expect(kept).toEqual([expect.objectContaining({ trackingCode: code, submitterKey: expect.any(String), buildingName: BUILDING })]);

      // Staff see it on their list, bound to the building, with the photo as a JPEG the page made.
      const list = await ok(`query($r: String) { petitions(region: $r, first: 50) { items { id trackingCode state channel buildingName title anonymous attachments { contentType } } } }`, { r: grid });
      const filed = list.petitions.items.find((i: { trackingCode: string }) => i.trackingCode === code);
      expect(filed).toMatchObject({ state: 'submitted', channel: 'qr', buildingName: BUILDING, title: '三楼楼道堆物', anonymous: false, attachments: [{ contentType: 'image/jpeg' }] });

      // The resident follows it from the success card while it is being handled.
      await page.getByRole('link', { name: '查看办理进度' }).click();
      await page.locator('.badge', { hasText: '待甄别' }).waitFor();
      await page.getByText(DESCRIPTION).waitFor();

      await ok(`mutation($i: ScreenPetitionInput!) { screenPetition(input: $i) { state } }`, { i: { id: filed.id, outcome: 'valid' } });
      await ok(`mutation($i: AssignPetitionInput!) { assignPetition(input: $i) { state } }`, { i: { id: filed.id, level: 'grid', region: grid } });
      await ok(`mutation($i: PetitionActionInput!) { acceptPetition(input: $i) { state } }`, { i: { id: filed.id } });
      const resolved = await ok(`mutation($i: ResolvePetitionInput!) { resolvePetition(input: $i) { state } }`, { i: { id: filed.id, result: RESULT } });
      expect(resolved.resolvePetition.state).toBe('resolved');

      // Opened again by its code: resolved, with the result, and the stars to rate it.
      await page.goto(pageUrl(`?c=${code}`));
      await page.locator('.badge', { hasText: '已办结' }).waitFor();
      await page.getByText(RESULT).waitFor();
      await page.getByLabel('5 星').check();
      await page.getByLabel('评价内容（选填）').fill('清理得很及时，谢谢网格员。');
      await page.getByRole('button', { name: '提交评价' }).click();
      await page.getByText('感谢您的评价！').waitFor();
      await page.locator('.badge', { hasText: '已结案' }).waitFor();
      expect(await page.getByRole('button', { name: '提交评价' }).count()).toBe(0);

      const rated = await ok(`query($id: ID!) { petition(id: $id) { state rating ratingComment } }`, { id: filed.id });
      expect(rated.petition).toEqual({ state: 'closed', rating: 5, ratingComment: '清理得很及时，谢谢网格员。' });

      // The building's page publishes the result (结果公示) and lists the petition under 我的诉求.
      await page.goto(pageUrl(`?t=${encodeURIComponent(qrToken)}`));
      await page.getByRole('region', { name: '结果公示' }).getByText(RESULT).waitFor();
      await page.getByRole('region', { name: '我的诉求' }).getByText(code).waitFor();
      expect(scriptErrors).toEqual([]);
    },
    FLOW_TIMEOUT_MS,
  );

  it(
    'tells a resident holding a forged code that it cannot be used, and offers no form',
    async () => {
      const { page, scriptErrors } = await phonePage();
      const [building, version, signature] = qrToken.split('.') as [string, string, string];
      const forged = `${building}.${version}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
      await page.goto(pageUrl(`?t=${encodeURIComponent(forged)}`));
      await page.getByRole('heading', { name: '二维码无法使用' }).waitFor();
      await page.getByText('这个二维码不是本平台发放的，无法使用。请扫描楼栋门口张贴的二维码。').waitFor();
      expect(await page.getByRole('button', { name: '提交诉求' }).count()).toBe(0);
      expect(await page.getByText(BUILDING).count()).toBe(0);
      expect(scriptErrors).toEqual([]);
    },
    FLOW_TIMEOUT_MS,
  );

  it('is served for slow networks: its assets cached for good, the page itself revalidated, nothing foreign allowed to run', async () => {
    const page = await fetch(pageUrl(''));
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const assets = [...(await page.text()).matchAll(/(?:src|href)="(assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets).toEqual([expect.stringMatching(/^assets\/app\.\w+\.css$/), expect.stringMatching(/^assets\/app\.\w+\.js$/)]);
    for (const asset of assets) {
      const r = await fetch(pageUrl(asset));
      expect(r.status).toBe(200);
      expect(r.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(r.headers.get('content-type')).toContain('charset=utf-8');
    }
    // With its validator a repeat visit costs a 304, not the page again.
    expect(page.headers.get('etag')).toBeTruthy();
    // Typed without the slash, the address still leads to the page, the code kept.
    const bare = await fetch(`${p.gateway.url}/r?t=abc`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/r/?t=abc');
  });

  it(
    'says when a typed tracking code belongs to no petition',
    async () => {
      const { page, scriptErrors } = await phonePage();
      await page.goto(pageUrl(''));
      await page.getByLabel('查询码').fill('zzzz zzzz 2345');
      await page.getByRole('button', { name: '查询' }).click();
      await page.getByText('没有找到查询码为 ZZZZ-ZZZZ-2345 的诉求，请核对后再查。').waitFor();
      expect(new URL(page.url()).searchParams.get('c')).toBe('ZZZZ-ZZZZ-2345');
      expect(scriptErrors).toEqual([]);
    },
    FLOW_TIMEOUT_MS,
  );
});
