// The county console (县区工作台, apps/county-console) in a real browser against the whole platform
// with the demo city: a Dongbao grid worker takes the overdue petition the demo leaves in their
// queue, accepts and resolves it, and the resident following it by its tracking code sees the
// result; a Duodao administrator sees none of Dongbao's petitions on the map or in the queue; the
// dashboard's on-time closure rate is petitionStats' for the same region and period; every page a
// Dongbao county administrator and the grid worker may open shows its data without an error.
//
// The console is its production build (apps/county-console/dist, which `nx test @gov/e2e` builds
// first) served by its own server (serve.mjs) with /graphql, /tiles and /r forwarded to this run's
// gateway. Debian's chromium drives it headless (browser.ts). When a test fails, a screenshot of
// every page it opened is written under apps/e2e/test-results/county-console/ and its path printed.
import { eventually } from '@gov/platform-testing';
import { buildResidentWeb } from '@gov/resident-web/build';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page, Request } from 'playwright-core';
import { startConsoleServer } from '@gov/county-console/serve';
import { launchChromium } from './browser.js';
import { DEMO_LOGINS, DEMO_PASSWORD, startDemoPlatform, type DemoPlatform } from './demo-city.js';

/** Starting the platform and seeding the demo city on a busy two-core machine. */
const SETUP_TIMEOUT_MS = 240_000;
/** One browser flow: sign-in, a few pages, their GraphQL calls. */
const FLOW_TIMEOUT_MS = 120_000;
/** Every page for two users: a page that never shows its data takes UI_WAIT_MS before the tour goes on. */
const PAGES_TIMEOUT_MS = 360_000;
/** How much of a page's text a failed stop reports. */
const PAGE_TEXT_CHARS = 300;
/** How long a page may take to show one thing (Playwright's waits poll until then). */
const UI_WAIT_MS = 20_000;
/** The county office PC the console is built for. */
const OFFICE_PC = { width: 1366, height: 768 };
const SCREENSHOTS = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../test-results/county-console');

/**
 * The communities that get petitions' months of history: each county's showcase community (the
 * grid worker's and the Duodao admin's), about 800 petitions. The whole city's 2,400 would add
 * a minute or more to the suite on two cores (demo-city.ts). The grid worker's grid is among them,
 * so the demo leaves its queue there (petitions' demo plan: gridWorkerQueue).
 */
const HISTORY_IN = ['jingmen/dongbao/longquan/xiangshan', 'jingmen/duodao/duodaoshi/baishipo'];
const WORKER_GRID = DEMO_LOGINS.dongbaoGridWorker.region;
const DAY_MS = 86_400_000;
const RESULT = '网格员上门联系住户，问题已处理完毕，现场恢复正常。';
/** The console's Chinese names of the states the flow goes through (petition-state). */
const STATE_ZH = { assigned: '已交办', accepted: '已受理', resolved: '已办结' };
/** How many of a list's petitions the tests read through the gateway. */
const LIST_SIZE = 50;

let p: DemoPlatform;
let browser: Browser;
let consoleServer: { port: number; close(): Promise<void> };
let scratch: string;
/** The overdue petitions the demo leaves in the grid worker's grid for them to accept. */
let overdueInGrid: { id: string; title: string; trackingCode: string }[];

const consoleUrl = (route = '/') => `http://127.0.0.1:${consoleServer.port}${route}`;

async function ok<T = any>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
  const r = await p.gql(query, variables, token);
  if (r.errors) throw new Error(`${query.split('(')[0]} failed: ${JSON.stringify(r.errors)}`);
  return r.data;
}

/**
 * The demo's overdue petitions the grid worker may accept: in their grid, assigned to it and not
 * yet accepted (petitions' demo plan leaves one there for them), as the gateway lists them.
 */
async function overduePetitionsToAccept(workerToken: string): Promise<{ id: string; title: string; trackingCode: string }[]> {
  const { petitions } = await ok(
    `query($r: String!, $n: Int) { petitions(region: $r, overdue: true, states: [assigned], level: grid, first: $n) { items { id title trackingCode overdue assignee { level region } } } }`,
    { r: WORKER_GRID, n: LIST_SIZE },
    workerToken,
  );
  type Item = { id: string; title: string; trackingCode: string; overdue: boolean; assignee: { level: string; region: string } | null };
  return (petitions.items as Item[]).filter((i) => i.overdue && i.assignee?.level === 'grid' && i.assignee.region === WORKER_GRID).map(({ id, title, trackingCode }) => ({ id, title, trackingCode }));
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

/** The operation a /graphql request or subscription names (`query QueuePetitions(…)`). */
function operationOf(query: unknown): string {
  return /\b(?:query|mutation|subscription)\s+(\w+)/.exec(String(query ?? ''))?.[1] ?? 'an unnamed operation';
}

/** A GraphQL error list in a line: each error's code and message. */
function errorsText(errors: unknown): string {
  const list = Array.isArray(errors) ? (errors as { message?: string; extensions?: { code?: string } }[]) : [];
  return list.map((e) => `${e.extensions?.code ?? 'ERROR'} ${e.message ?? ''}`.trim()).join(' | ');
}

/**
 * Watches a page's GraphQL traffic: every /graphql answer with a status of 400 or more or with
 * `errors` in its body, and every subscription message carrying errors, named by operation.
 * `settled` waits until no /graphql request is in flight and every answer has been read.
 */
function watchGraphql(page: Page): { failures: string[]; settled(): Promise<void> } {
  const failures: string[] = [];
  const inFlight = new Set<Request>();
  const reading: Promise<void>[] = [];
  const isGraphql = (url: string) => new URL(url).pathname === '/graphql';
  page.on('request', (req) => {
    if (isGraphql(req.url()) && req.method() === 'POST') inFlight.add(req);
  });
  page.on('requestfinished', (req) => inFlight.delete(req));
  page.on('requestfailed', (req) => {
    // A page left before its answer came cancels the request: not the gateway's doing.
    if (inFlight.delete(req) && !/ERR_ABORTED/.test(req.failure()?.errorText ?? '')) failures.push(`${operationOf(req.postDataJSON()?.query)}: ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    if (!isGraphql(res.url()) || res.request().method() !== 'POST') return;
    const operation = operationOf(res.request().postDataJSON()?.query);
    reading.push(
      res.text().then(
        (body) => {
          let errors: unknown;
          try {
            errors = (JSON.parse(body) as { errors?: unknown }).errors;
          } catch {
            errors = undefined;
          }
          if (res.status() >= 400 || errors) failures.push(`${operation} (${res.status()}): ${errors ? errorsText(errors) : body.slice(0, 200)}`);
        },
        () => undefined,
      ),
    );
  });
  page.on('websocket', (ws) => {
    if (!isGraphql(ws.url())) return;
    const operations = new Map<string, string>();
    const parse = (payload: string | Buffer) => {
      try {
        return JSON.parse(String(payload)) as { id?: string; type?: string; payload?: { query?: string; errors?: unknown } | unknown[] };
      } catch {
        return {};
      }
    };
    ws.on('framesent', ({ payload }) => {
      const m = parse(payload);
      if (m.type === 'subscribe' && m.id) operations.set(m.id, operationOf((m.payload as { query?: string } | undefined)?.query));
    });
    ws.on('framereceived', ({ payload }) => {
      const m = parse(payload);
      const operation = operations.get(m.id ?? '') ?? 'a subscription';
      if (m.type === 'error') failures.push(`${operation} (subscription): ${errorsText(m.payload)}`);
      else if (m.type === 'next' && m.payload && !Array.isArray(m.payload) && m.payload.errors) failures.push(`${operation} (subscription): ${errorsText(m.payload.errors)}`);
    });
  });
  return {
    failures,
    async settled() {
      await eventually(async () => (inFlight.size === 0 ? true : undefined), UI_WAIT_MS).catch(() => {
        failures.push(`still waiting for ${[...inFlight].map((r) => operationOf(r.postDataJSON()?.query)).join(', ')} after ${UI_WAIT_MS / 1000} s`);
      });
      await Promise.all(reading);
    },
  };
}

/** One page of a tour: how to get there, and what shows that it has rendered its data. */
interface Stop {
  name: string;
  go(page: Page): Promise<void>;
}

/**
 * Visits each stop in turn and answers what went wrong on each: its data not shown in time, a
 * `[role=alert]` on the page, a GraphQL operation answered with an error. A stop that goes wrong
 * is photographed there and then (its path printed), and the tour goes on to the next.
 */
async function tour(page: Page, who: string, stops: readonly Stop[]): Promise<string[]> {
  const watch = watchGraphql(page);
  const problems: string[] = [];
  for (const [i, stop] of stops.entries()) {
    const seen = watch.failures.length;
    const found: string[] = [];
    const shown = await stop.go(page).then(
      () => true,
      (err: Error) => found.push(`did not show its data (${err.message.split('\n')[0]})`) && false,
    );
    await watch.settled();
    const alerts = (await page.locator('[role="alert"]:visible').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    if (alerts.length) found.push(`shows ${alerts.map((a) => JSON.stringify(a)).join(', ')}`);
    const refused = watch.failures.slice(seen);
    if (refused.length) found.push(`GraphQL errors in ${refused.join('; ')}`);
    if (!found.length) continue;
    // What the page said instead, for the report (an empty list's notice, a hint).
    const said = shown ? '' : ` — the page says: ${(await page.locator('main').innerText().catch(() => '')).replace(/\s+/g, ' ').slice(0, PAGE_TEXT_CHARS)}`;
    problems.push(`${who} on ${stop.name} (${new URL(page.url()).pathname}${new URL(page.url()).search}): ${found.join('; ')}${said}`);
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const file = path.join(SCREENSHOTS, `pages-${who}-${String(i + 1).padStart(2, '0')}.png`);
    if (await page.screenshot({ path: file, fullPage: true }).then(() => true, () => false)) process.stderr.write(`county console e2e: screenshot of ${page.url()} at ${file}\n`);
  }
  return problems;
}

/** Follows the side navigation to one of the console's sections. */
async function section(page: Page, title: string): Promise<void> {
  await page.getByRole('navigation', { name: '功能' }).getByRole('link', { name: title, exact: true }).click();
}

/** Opens the first row's link of a list and waits until the page it leads to shows `ready`. */
async function firstRow(page: Page, rows: Locator, href: string, ready: Locator): Promise<void> {
  await rows.first().locator(`a[href^="${href}"]`).first().click();
  await ready.first().waitFor();
}

type Section = 'queue' | 'map' | 'tasks' | 'stats' | 'stewards' | 'mediation';

/** The task list's tab, with tasks of every status: the demo's open ones are few, and none may lie in a grid worker's grid today. */
async function taskList(page: Page): Promise<void> {
  await tasksTab(page, '任务');
  // The filter's <label> wraps its <select>: the label's name includes the option shown.
  await page.getByRole('tabpanel').locator('label', { hasText: /^\s*状态/ }).locator('select').selectOption({ label: '全部' });
  await page.getByTestId('task-row').first().waitFor();
}

async function tasksTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tablist', { name: '任务与积分' }).getByRole('tab', { name, exact: true }).click();
}

/** Each section's pages: its list (reached by the side navigation) and the page of the list's first item. */
const SECTION_STOPS: Record<Section, Stop[]> = {
  queue: [
    {
      name: 'the queue',
      go: async (page) => {
        await section(page, '诉求工单');
        await page.getByTestId('petition-row').first().waitFor();
      },
    },
    {
      name: 'a petition',
      go: async (page) => {
        await firstRow(page, page.getByTestId('petition-row'), '/petitions/', page.getByTestId('timeline').locator('li'));
        await page.getByTestId('tracking-code').filter({ hasText: /\S/ }).waitFor();
      },
    },
  ],
  map: [
    {
      name: 'the map',
      go: async (page) => {
        await section(page, '网格地图');
        await page.getByRole('region', { name: '图上诉求' }).getByTestId('map-petition').first().waitFor();
        // The map itself has loaded (or says this browser cannot draw it).
        await page.locator('[data-testid="map"][data-status="ready"], [data-testid="map"][data-status="no-webgl"]').waitFor();
      },
    },
  ],
  tasks: [
    {
      name: 'the tasks tab 任务',
      go: async (page) => {
        await section(page, '任务与积分');
        await taskList(page);
      },
    },
    {
      name: 'the tasks tab 排行榜',
      go: async (page) => {
        await tasksTab(page, '排行榜');
        await page.getByTestId('ranking-row').first().waitFor();
      },
    },
    {
      name: 'the tasks tab 单位星级',
      go: async (page) => {
        await tasksTab(page, '单位星级');
        await page.getByTestId('unit-tier-row').first().waitFor();
      },
    },
    {
      name: 'a task',
      go: async (page) => {
        await taskList(page);
        await firstRow(page, page.getByTestId('task-row'), '/tasks/', page.getByTestId('task-status'));
        await page.getByRole('heading', { level: 2 }).filter({ hasText: /\S/ }).waitFor();
      },
    },
  ],
  stats: [
    {
      name: 'the dashboard',
      go: async (page) => {
        await section(page, '统计分析');
        await page.getByTestId('on-time-rate').filter({ hasText: /^\s*\d+(\.\d)?%\s*$/ }).waitFor();
        await page.locator('figure svg').first().waitFor();
      },
    },
  ],
  stewards: [
    {
      name: 'the stewards',
      go: async (page) => {
        await section(page, '红色管家');
        await page.getByTestId('steward-row').first().waitFor();
      },
    },
    {
      name: 'a steward',
      go: async (page) => {
        await firstRow(page, page.getByTestId('steward-row'), '/stewards/', page.getByTestId('steward-card'));
        await page.getByTestId('card-number').filter({ hasText: /\d/ }).waitFor();
      },
    },
  ],
  mediation: [
    {
      name: 'mediation',
      go: async (page) => {
        await section(page, '矛盾调解');
        await page.getByTestId('case-row').first().waitFor();
      },
    },
    {
      name: 'a mediation case',
      go: async (page) => {
        await firstRow(page, page.getByTestId('case-row'), '/mediation/cases/', page.getByTestId('case-number').filter({ hasText: /\S/ }));
        await page.getByTestId('case-timeline').locator('li').first().waitFor();
      },
    },
  ],
};

const stopsFor = (sections: readonly Section[]): Stop[] => sections.flatMap((s) => SECTION_STOPS[s]);

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
  // With tasks' history (about 18 s more): the console's task pages, rankings and unit tiers show it.
  p = await startDemoPlatform({ RESIDENT_WEB_DIR: web.outdir }, { petitionsIn: HISTORY_IN });
  const seeded = performance.now();
  // CONSOLE_DIST names another build of the console, as for serve.mjs.
  consoleServer = await startConsoleServer({ port: 0, gatewayUrl: p.gateway.url, host: '127.0.0.1', ...(process.env.CONSOLE_DIST ? { root: process.env.CONSOLE_DIST } : {}) });
  browser = await launchChromium();
  overdueInGrid = await overduePetitionsToAccept(await p.login(DEMO_LOGINS.dongbaoGridWorker.username, DEMO_PASSWORD));
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
        // The demo city has one waiting for them (not made up by this test).
        expect(overdueInGrid.length).toBeGreaterThan(0);
        await page.getByRole('checkbox', { name: '只看超期' }).check();
        const rows = page.getByTestId('petition-row');
        await rows.first().waitFor();
        // Only overdue petitions are left on the list.
        await eventually(async () => ((await rows.count()) === (await page.locator('tr[data-testid="petition-row"]:has(.badge.overdue)').count()) ? true : undefined), UI_WAIT_MS);
        // The first overdue row of the queue that is the grid's to accept.
        const acceptable = new Set(overdueInGrid.map((o) => o.id));
        let overdue: (typeof overdueInGrid)[number] | undefined;
        await eventually(async () => {
          const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')!));
          const id = ids.find((i) => acceptable.has(i));
          overdue = overdueInGrid.find((o) => o.id === id);
          return overdue ? true : undefined;
        }, UI_WAIT_MS).catch(() => {
          throw new Error(`the queue's overdue rows include none of the grid's overdue petitions waiting to be accepted (${[...acceptable].join(', ')})`);
        });
        const row = page.locator(`tr[data-testid="petition-row"][data-id="${overdue!.id}"]`);
        await row.locator('.badge.overdue', { hasText: '超期' }).waitFor();
        await row.locator(`a[href="/petitions/${overdue!.id}"]`).first().click();

        await page.getByRole('heading', { level: 2, name: overdue!.title }).waitFor();
        await shows('tracking code', () => page.getByTestId('tracking-code').textContent(), overdue!.trackingCode);
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
        const stored = await ok(`query($id: ID!) { petition(id: $id) { state result } petitionTimeline(id: $id) { action actorLabel } }`, { id: overdue!.id }, admin);
        expect(stored.petition).toEqual({ state: 'resolved', result: RESULT });
        expect(stored.petitionTimeline.slice(-2)).toEqual([
          { action: 'accepted', actorLabel: DEMO_LOGINS.dongbaoGridWorker.username },
          { action: 'resolved', actorLabel: DEMO_LOGINS.dongbaoGridWorker.username },
        ]);

        // The resident follows it by the tracking code on the gateway's resident page.
        const phone = await open({ width: 360, height: 740 });
        await phone.goto(`${p.gateway.url}/r/?c=${overdue!.trackingCode}`);
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
        expect(seen.filter((id) => dongbaoOpen.includes(id) || overdueInGrid.some((o) => o.id === id))).toEqual([]);
        const regions = await regionsOf(seen);
        expect(regions.filter((r) => !r.startsWith(`${DEMO_LOGINS.duodaoAdmin.region}/`))).toEqual([]);

        // Opened by its address, a Dongbao petition is not there for Duodao.
        const dongbaoPetition = overdueInGrid[0]!;
        await page.goto(consoleUrl(`/petitions/${dongbaoPetition.id}`));
        await page.getByRole('alert').filter({ hasText: '没有找到' }).waitFor();
        expect(await page.getByTestId('tracking-code').count()).toBe(0);
        expect(await page.getByText(dongbaoPetition.title).count()).toBe(0);
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

  it(
    'every page of the console loads real data for a Dongbao county admin without an error, and for a grid worker every page their role opens',
    () =>
      flow('every-page-loads', async (open) => {
        const problems: string[] = [];
        const admin = await open();
        await signIn(admin, DEMO_LOGINS.dongbaoAdmin.username, '/queue');
        problems.push(...(await tour(admin, DEMO_LOGINS.dongbaoAdmin.username, stopsFor(['queue', 'map', 'tasks', 'stats', 'stewards', 'mediation']))));

        const worker = await open();
        await signIn(worker, DEMO_LOGINS.dongbaoGridWorker.username, '/queue');
        // A grid worker works petitions, tasks and stewards on the map; statistics and mediation are not theirs.
        const sections = await worker.getByRole('navigation', { name: '功能' }).getByRole('link').allInnerTexts();
        expect(sections.map((t) => t.trim())).toEqual(['诉求工单', '网格地图', '任务与积分', '红色管家']);
        problems.push(...(await tour(worker, DEMO_LOGINS.dongbaoGridWorker.username, stopsFor(['queue', 'map', 'tasks', 'stewards']))));

        expect(problems).toEqual([]);
      }),
    PAGES_TIMEOUT_MS,
  );
});
