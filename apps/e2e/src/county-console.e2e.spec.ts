// The county console (县区工作台, apps/county-console) in a real browser against the whole platform
// with the demo city: a Dongbao grid worker takes an overdue petition from the queue, accepts and
// resolves it, and the resident following it by its tracking code sees the result; a Duodao
// administrator sees none of Dongbao's petitions on the map or in the queue; the dashboard's
// on-time closure rate is petitionStats' for the same region and period.
//
// The console is its production build (apps/county-console/dist, which `nx test @gov/e2e` builds
// first) served by its own server (serve.mjs) with /graphql, /tiles and /r forwarded to this run's
// gateway. Debian's chromium drives it headless (browser.ts). When a test fails, a screenshot of
// every page it opened is written under apps/e2e/test-results/county-console/ and its path printed.
import { PetitionIntakeService } from '@gov/petitions';
import { CategoryRepository } from '@gov/petitions-data-access';
import { newSubmitterKey } from '@gov/petitions-domain';
import { eventually } from '@gov/platform-testing';
import { buildResidentWeb } from '@gov/resident-web/build';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { startConsoleServer } from '@gov/county-console/serve';
import { launchChromium } from './browser.js';
import { DEMO_LOGINS, DEMO_PASSWORD, startDemoPlatform, type DemoPlatform } from './demo-city.js';

/** Starting the platform and seeding the demo city on a busy two-core machine. */
const SETUP_TIMEOUT_MS = 240_000;
/** One browser flow: sign-in, a few pages, their GraphQL calls. */
const FLOW_TIMEOUT_MS = 120_000;
/** How long a page may take to show one thing (Playwright's waits poll until then). */
const UI_WAIT_MS = 20_000;
/** The county office PC the console is built for. */
const OFFICE_PC = { width: 1366, height: 768 };
const SCREENSHOTS = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../test-results/county-console');

/**
 * The communities that get petitions' months of history: each county's showcase community (the
 * grid worker's and the Duodao admin's), about 800 petitions. The whole city's 2,400 would add
 * a minute or more to the suite on two cores (demo-city.ts).
 */
const HISTORY_IN = ['jingmen/dongbao/longquan/xiangshan', 'jingmen/duodao/duodaoshi/baishipo'];
const WORKER_GRID = DEMO_LOGINS.dongbaoGridWorker.region;
/** A building of the worker's grid (象山社区第三网格's compound, its first building: grids' demo territory). */
const WORKER_BUILDING = `${WORKER_GRID}/xq3/b1`;
const DAY_MS = 86_400_000;
/** 楼道堆物: handled by the grid, within 2 days. */
const CATEGORY = 'property.corridor_clutter';
const DAYS_LATE = 3;
const TITLE = '五楼楼道堆放旧沙发';
const DESCRIPTION = '五楼楼道里堆了一个旧沙发和几袋杂物，挡住了楼梯，晚上看不清很危险，打过电话还没人来处理。';
const RESULT = '网格员上门联系住户，旧沙发和杂物已清运，楼道恢复畅通。';
/** The console's Chinese names of the states the flow goes through (petition-state). */
const STATE_ZH = { assigned: '已交办', accepted: '已受理', resolved: '已办结' };

let p: DemoPlatform;
let browser: Browser;
let consoleServer: { port: number; close(): Promise<void> };
let scratch: string;
/** The overdue petition waiting for the grid worker. */
let overdue: { id: string; trackingCode: string };

const consoleUrl = (route = '/') => `http://127.0.0.1:${consoleServer.port}${route}`;

async function ok<T = any>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const r = await p.gql(query, variables, token);
  if (r.errors) throw new Error(`${query.split('(')[0]} failed: ${JSON.stringify(r.errors)}`);
  return r.data;
}

/**
 * A petition the city's 12345 hotline passed on `DAYS_LATE` days past its time limit, then screened
 * and assigned to the worker's grid today: overdue and waiting to be accepted. Written by the
 * intake's own code with a backdated `createdAt`, as petitions' demo seed writes its history (no
 * clock can be wound forward for a petition filed through the API), then screened and assigned
 * through the gateway.
 */
async function fileOverduePetition(workerToken: string): Promise<{ id: string; trackingCode: string }> {
  const building = await ok(`query($r: String!) { regionByPath(region: $r) { location { lat lng } } }`, { r: WORKER_BUILDING }, workerToken);
  const em = p.petitions.em();
  const category = await p.petitions.app.get(CategoryRepository).currentByKey(em, CATEGORY);
  if (!category) throw new Error(`no category ${CATEGORY}`);
  const id = randomUUID();
  const { lat, lng } = building.regionByPath.location;
  await em.transactional((tx) =>
    p.petitions.app.get(PetitionIntakeService).insert(tx as EntityManager, {
      id,
      actor: null,
      actorLabel: '12345热线',
      channel: 'hotline',
      category,
      title: TITLE,
      description: DESCRIPTION,
      placement: { region: WORKER_GRID, buildingId: null, buildingName: null, compound: null, lat, lng },
      sixPrevention: null,
      anonymous: false,
      contact: { name: '赵女士', phone: '13900001234' },
      submitterKey: newSubmitterKey(),
      createdAt: new Date(Date.now() - (category.timeLimitDays + DAYS_LATE) * DAY_MS),
    }),
  );
  await ok(`mutation($i: ScreenPetitionInput!) { screenPetition(input: $i) { state } }`, { i: { id, outcome: 'valid' } }, workerToken);
  await ok(`mutation($i: AssignPetitionInput!) { assignPetition(input: $i) { state } }`, { i: { id, level: 'grid' } }, workerToken);
  const { petition } = await ok(`query($id: ID!) { petition(id: $id) { state overdue trackingCode } }`, { id }, workerToken);
  expect(petition).toMatchObject({ state: 'assigned', overdue: true });
  return { id, trackingCode: petition.trackingCode };
}

/**
 * Runs a browser flow; pages come from `open`. Script errors on any page fail it; when it fails,
 * every page it opened is photographed (the paths are printed) before the error goes on.
 */
async function flow(name: string, body: (open: (size?: { width: number; height: number }) => Promise<Page>) => Promise<void>): Promise<void> {
  const pages: Page[] = [];
  const scriptErrors: string[] = [];
  const open = async (size = OFFICE_PC) => {
    const context = await browser.newContext({ viewport: size, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();
    page.setDefaultTimeout(UI_WAIT_MS);
    page.on('pageerror', (err) => scriptErrors.push(`${page.url()}: ${err.message}`));
    // Console errors include a Content-Security-Policy refusal and failed loads of the app's own files.
    page.on('console', (msg) => {
      if (msg.type() === 'error') scriptErrors.push(`${page.url()}: ${msg.text()}`);
    });
    // Which operation the gateway refused, and why (the console's errors above only say "400").
    page.on('response', (res) => {
      if (res.status() < 400 || new URL(res.url()).pathname !== '/graphql') return;
      const operation = /\b(?:query|mutation)\s+(\w+)/.exec(String(res.request().postDataJSON()?.query ?? ''))?.[1] ?? 'an operation';
      void res.text().then(
        (body) => scriptErrors.push(`${page.url()}: the gateway answered ${operation} with ${res.status()}: ${body.slice(0, 300)}`),
        () => undefined,
      );
    });
    pages.push(page);
    return page;
  };
  try {
    await body(open);
    expect(scriptErrors).toEqual([]);
  } catch (err) {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const slug = name.replace(/[^\w-]+/g, '-');
    for (const [i, page] of pages.entries()) {
      const file = path.join(SCREENSHOTS, `${slug}-${i + 1}.png`);
      const taken = await page.screenshot({ path: file, fullPage: true }).then(() => true, () => false);
      if (taken) process.stderr.write(`county console e2e: screenshot of ${page.url()} at ${file}\n`);
    }
    if (scriptErrors.length) process.stderr.write(`county console e2e: script errors:\n  ${scriptErrors.join('\n  ')}\n`);
    throw err;
  } finally {
    await Promise.all(pages.map((page) => page.context().close().catch(() => undefined)));
  }
}

/** Signs in on the console's sign-in form; answers once the console's frame shows who is signed in. */
async function signIn(page: Page, username: string, route = '/'): Promise<void> {
  await page.goto(consoleUrl(route));
  await page.getByLabel('账号').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('who').filter({ hasText: username }).waitFor();
}

/** Waits until `read` answers `expected`; a timeout says what it answered last. */
async function shows(what: string, read: () => Promise<string | null | undefined>, expected: string): Promise<void> {
  let last: string | null | undefined;
  await eventually(async () => {
    last = (await read())?.trim();
    return last === expected ? true : undefined;
  }, UI_WAIT_MS).catch(() => {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, the page shows ${JSON.stringify(last)}`);
  });
}

/** Regions of petitions by id, as the city administrator reads them. */
async function regionsOf(ids: string[]): Promise<string[]> {
  const city = await p.login('city-admin', DEMO_PASSWORD);
  const regions: string[] = [];
  for (const id of ids) regions.push((await ok(`query($id: ID!) { petition(id: $id) { region } }`, { id }, city)).petition.region);
  return regions;
}

beforeAll(async () => {
  const started = performance.now();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'county-console-e2e-'));
  // The resident's tracking page (/r/?c=…) is served by the gateway from its build.
  const web = await buildResidentWeb({ outdir: path.join(scratch, 'web') });
  // Tasks' history is left out: no test here looks at tasks, and it would add about 18 s.
  p = await startDemoPlatform({ RESIDENT_WEB_DIR: web.outdir }, { petitionsIn: HISTORY_IN, tasks: false });
  const seeded = performance.now();
  // CONSOLE_DIST names another build of the console, as for serve.mjs.
  consoleServer = await startConsoleServer({ port: 0, gatewayUrl: p.gateway.url, host: '127.0.0.1', ...(process.env.CONSOLE_DIST ? { root: process.env.CONSOLE_DIST } : {}) });
  browser = await launchChromium();
  overdue = await fileOverduePetition(await p.login(DEMO_LOGINS.dongbaoGridWorker.username, DEMO_PASSWORD));
  const steps = Object.entries(p.seedTimings).map(([step, s]) => `${step} ${s} s`).join(', ');
  process.stderr.write(`county console e2e: platform and demo city in ${((seeded - started) / 1000).toFixed(1)} s (${steps}), ready in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await consoleServer?.close();
  await p?.close();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

describe('the county console', () => {
  it(
    "lets a Dongbao grid worker take an overdue petition from the queue, accept and resolve it, and the resident's tracking page shows the result",
    () =>
      flow('grid-worker-resolves-overdue', async (open) => {
        const page = await open();
        await signIn(page, DEMO_LOGINS.dongbaoGridWorker.username, '/queue');
        await page.getByRole('checkbox', { name: '只看超期' }).check();
        const row = page.locator(`tr[data-testid="petition-row"][data-id="${overdue.id}"]`);
        await row.locator('.badge.overdue', { hasText: '超期' }).waitFor();
        // Only overdue petitions are left on the list.
        const rows = page.getByTestId('petition-row');
        await eventually(async () => ((await rows.count()) === (await page.locator('tr[data-testid="petition-row"]:has(.badge.overdue)').count()) ? true : undefined), UI_WAIT_MS);
        await row.locator(`a[href="/petitions/${overdue.id}"]`).first().click();

        await page.getByRole('heading', { level: 2, name: TITLE }).waitFor();
        await shows('tracking code', () => page.getByTestId('tracking-code').textContent(), overdue.trackingCode);
        await shows('state before', () => page.getByTestId('petition-state').textContent(), STATE_ZH.assigned);
        const timeline = page.getByTestId('timeline').locator('li');
        // Submitted, screened, assigned.
        await eventually(async () => ((await timeline.count()) === 3 ? true : undefined), UI_WAIT_MS);

        await page.getByRole('button', { name: '受理', exact: true }).click();
        await shows('state after accepting', () => page.getByTestId('petition-state').textContent(), STATE_ZH.accepted);
        await eventually(async () => ((await timeline.count()) === 4 ? true : undefined), UI_WAIT_MS);

        await page.getByRole('button', { name: '办结', exact: true }).click();
        const form = page.locator('dialog[open] form, form').filter({ has: page.getByRole('button', { name: '确定' }) });
        await form.locator('textarea').fill(RESULT);
        await form.getByRole('button', { name: '确定' }).click();
        await shows('state after resolving', () => page.getByTestId('petition-state').textContent(), STATE_ZH.resolved);
        await eventually(async () => ((await timeline.count()) === 5 ? true : undefined), UI_WAIT_MS);

        // The platform has it resolved with that result, by the grid worker.
        const admin = await p.login(DEMO_LOGINS.dongbaoAdmin.username, DEMO_PASSWORD);
        const stored = await ok(`query($id: ID!) { petition(id: $id) { state result } petitionTimeline(id: $id) { action actorLabel } }`, { id: overdue.id }, admin);
        expect(stored.petition).toEqual({ state: 'resolved', result: RESULT });
        expect(stored.petitionTimeline.slice(-2)).toEqual([
          { action: 'accepted', actorLabel: DEMO_LOGINS.dongbaoGridWorker.username },
          { action: 'resolved', actorLabel: DEMO_LOGINS.dongbaoGridWorker.username },
        ]);

        // The resident follows it by the tracking code on the gateway's resident page.
        const phone = await open({ width: 360, height: 740 });
        await phone.goto(`${p.gateway.url}/r/?c=${overdue.trackingCode}`);
        await phone.locator('.badge', { hasText: '已办结' }).waitFor();
        await phone.getByText(RESULT).waitFor();
      }),
    FLOW_TIMEOUT_MS,
  );

  it(
    "shows a Duodao administrator none of Dongbao's petitions, on the map or in the queue",
    () =>
      flow('duodao-admin-isolation', async (open) => {
        const page = await open();
        await signIn(page, DEMO_LOGINS.duodaoAdmin.username, '/queue');
        const rows = page.getByTestId('petition-row');
        await rows.first().waitFor();
        const queued = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')!));
        // Dongbao's overdue petitions too: the filter asks the gateway again.
        await page.getByRole('checkbox', { name: '只看超期' }).check();
        await eventually(async () => ((await page.locator('tr[data-testid="petition-row"]:not(:has(.badge.overdue))').count()) === 0 ? true : undefined), UI_WAIT_MS);
        const overdueQueued = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')!));

        await page.goto(consoleUrl('/map'));
        await page.getByTestId('map').waitFor();
        const mapList = page.getByRole('region', { name: '图上诉求' });
        const onMap = mapList.getByTestId('map-petition');
        // Baishipo's open petitions with a place are drawn (or the list says why it has none).
        await onMap.or(mapList.getByRole('alert')).first().waitFor();
        const refused = await mapList.getByRole('alert').allTextContents();
        if (refused.length) throw new Error(`the map's list 图上诉求 shows errors: ${refused.join('; ')}`);
        const drawn = await onMap.evaluateAll((items) => items.map((li) => li.getAttribute('data-id')!));

        // Dongbao has open petitions with a place to draw (its showcase), and none of them is here.
        const dongbao = await ok(
          `query($r: String!) { petitions(region: $r, states: [submitted, screened, assigned, accepted, in_progress], first: 50) { items { id location { lat } } } }`,
          { r: DEMO_LOGINS.dongbaoAdmin.region },
          await p.login(DEMO_LOGINS.dongbaoAdmin.username, DEMO_PASSWORD),
        );
        const dongbaoOpen: string[] = dongbao.petitions.items.filter((i: { location: unknown }) => i.location).map((i: { id: string }) => i.id);
        expect(dongbaoOpen.length).toBeGreaterThan(0);
        const seen = [...new Set([...queued, ...overdueQueued, ...drawn])];
        expect(seen.filter((id) => dongbaoOpen.includes(id) || id === overdue.id)).toEqual([]);
        const regions = await regionsOf(seen);
        expect(regions.filter((r) => !r.startsWith(`${DEMO_LOGINS.duodaoAdmin.region}/`))).toEqual([]);

        // Opened by its address, a Dongbao petition is not there for Duodao.
        await page.goto(consoleUrl(`/petitions/${overdue.id}`));
        await page.getByRole('alert').filter({ hasText: '没有找到' }).waitFor();
        expect(await page.getByTestId('tracking-code').count()).toBe(0);
        expect(await page.getByText(TITLE).count()).toBe(0);
      }),
    FLOW_TIMEOUT_MS,
  );

  it(
    "shows on the dashboard the on-time closure rate petitionStats gives for the region and period chosen",
    () =>
      flow('dashboard-on-time-rate', async (open) => {
        const page = await open();
        const admin = DEMO_LOGINS.dongbaoAdmin;
        await signIn(page, admin.username, '/stats');
        // The street the showcase community lies in, over the last 60 days (China Standard Time days, both included).
        const region = 'jingmen/dongbao/longquan';
        const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
        const day = (offset: number) => new Date(Date.parse(`${today}T00:00:00Z`) + offset * DAY_MS).toISOString().slice(0, 10);
        const [from, to] = [day(-59), today];
        await page.getByLabel('区域', { exact: true }).selectOption(region);
        await page.getByLabel('开始', { exact: true }).fill(from);
        await page.getByLabel('结束', { exact: true }).fill(to);

        const token = await p.login(admin.username, DEMO_PASSWORD);
        const { petitionStats } = await ok(
          `query($r: String!, $f: String!, $t: String!) { petitionStats(region: $r, from: $f, to: $t) { onTimeClosureRate closed } }`,
          { r: region, f: `${from}T00:00:00+08:00`, t: `${day(1)}T00:00:00+08:00` },
          token,
        );
        // The demo's months of history have closed petitions in it: the rate is a figure, not a dash.
        expect(petitionStats.closed).toBeGreaterThan(0);
        await shows('on-time closure rate', () => page.getByTestId('on-time-rate').textContent(), `${(petitionStats.onTimeClosureRate * 100).toFixed(1)}%`);
        await page.getByRole('button', { name: '导出CSV' }).first().waitFor();
      }),
    FLOW_TIMEOUT_MS,
  );
});
