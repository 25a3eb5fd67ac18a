// Isolated networks: county government networks are often cut off from the internet, so no page
// the platform serves may load anything from it. Every page the gateway serves (its root, /graphql
// asked for HTML, GraphiQL, the resident page) is fetched with the scripts, styles and images it
// loads from this origin, and none refers to another host; then GraphiQL runs a query in Debian's
// chromium with every request to another host refused and recorded.
//
// Scripts are third-party bundles (React, GraphiQL) whose strings hold links in error messages and
// XML namespace names (http://www.w3.org/2000/svg) that are never fetched: in scripts, with comments
// stripped, an outside address may not be what a loading call (import(), fetch, a Worker, a
// WebSocket, a src or href set from code) is given. The browser run is the proof that nothing leaves.
import { eventually } from '@gov/platform-testing';
import { buildResidentWeb } from '@gov/resident-web/build';
import { transform } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.js';
import { startPlatform, type Platform } from './harness.js';

const FLOW_TIMEOUT_MS = 120_000;
const UI_WAIT_MS = 30_000;

let p: Platform;
let browser: Browser;
let scratch: string;

const OUTSIDE_URL = /\bhttps?:\/\/[^\s"'`<>()\\]+/gi;
/** What a script would hand an outside address to, to load it (the address is the call's first argument or the value set). */
const LOADING_CALL = /(?:\bimport\s*\(|\bimportScripts\s*\(|\bfetch\s*\(|\bWorker\s*\(|\bWebSocket\s*\(|\bEventSource\s*\(|\bsendBeacon\s*\(|\.open\s*\(\s*["'`][A-Za-z]+["'`]\s*,|\.(?:src|href|action)\s*=|setAttribute\s*\(\s*["'`](?:src|href|action)["'`]\s*,|\burl\s*\(|@import\s+)\s*["'`]?$/;

/** Addresses in `text` whose origin is not `origin`. */
function outsideUrls(text: string, origin: string): string[] {
  return [...text.matchAll(OUTSIDE_URL)].map((m) => m[0]).filter((u) => !sameOrigin(u, origin));
}

function sameOrigin(u: string, origin: string): boolean {
  try {
    return new URL(u).origin === origin;
  } catch {
    return false;
  }
}

/** Outside addresses a script hands to a loading call, with its comments stripped. */
async function outsideLoads(script: string, origin: string): Promise<string[]> {
  const { code } = await transform(script, { loader: 'js', minifyWhitespace: true, legalComments: 'none' });
  return [...code.matchAll(OUTSIDE_URL)]
    .filter((m) => !sameOrigin(m[0], origin) && LOADING_CALL.test(code.slice(Math.max(0, m.index - 60), m.index)))
    .map((m) => m[0]);
}

interface Scan {
  /** Every file fetched from this origin, as `path → content type`. */
  fetched: Map<string, string>;
  /** `file: address` for every reference to another host. */
  outside: string[];
}

/**
 * Fetches `page` and everything it loads from this origin (scripts, styles, images, icons, what a
 * style's url() names), and lists every reference to another host.
 */
async function scanPage(origin: string, page: string, accept = 'text/html'): Promise<Scan> {
  const scan: Scan = { fetched: new Map(), outside: [] };
  const queue: { url: string; accept: string }[] = [{ url: new URL(page, origin).href, accept }];
  while (queue.length) {
    const { url, accept: wanted } = queue.shift()!;
    const key = new URL(url).pathname + new URL(url).search;
    if (scan.fetched.has(key)) continue;
    const res = await fetch(url, { headers: { accept: wanted } });
    const type = res.headers.get('content-type') ?? '';
    scan.fetched.set(key, `${res.status} ${type}`);
    const body = await res.text();
    const follow = (ref: string, as: string) => {
      if (/^(data|blob):/i.test(ref)) return;
      const target = new URL(ref, url);
      if (target.origin === origin) queue.push({ url: target.href, accept: as });
      else scan.outside.push(`${key}: ${target.href}`);
    };
    if (/javascript|ecmascript/.test(type)) {
      scan.outside.push(...(await outsideLoads(body, origin)).map((u) => `${key}: ${u}`));
      continue;
    }
    // Pages, styles, JSON and text: any address of another host at all.
    scan.outside.push(...outsideUrls(body, origin).map((u) => `${key}: ${u}`));
    if (type.startsWith('text/html')) {
      for (const m of body.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)) follow(m[1]!, '*/*');
      for (const m of body.matchAll(/<(?:link|img|source|iframe|embed)\b[^>]*\b(?:href|src)\s*=\s*["']([^"']+)["']/gi)) follow(m[1]!, '*/*');
      for (const m of body.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/gi)) follow(m[1]!, '*/*');
    } else if (type.startsWith('text/css')) {
      for (const m of body.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/gi)) follow(m[1]!, '*/*');
      for (const m of body.matchAll(/@import\s+["']([^"']+)["']/gi)) follow(m[1]!, 'text/css');
    }
  }
  return scan;
}

beforeAll(async () => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'offline-pages-e2e-'));
  const web = await buildResidentWeb({ outdir: path.join(scratch, 'web') });
  p = await startPlatform({ RESIDENT_WEB_DIR: web.outdir });
  browser = await launchChromium();
}, FLOW_TIMEOUT_MS);

afterAll(async () => {
  await browser?.close();
  await p?.close();
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

describe('pages on an isolated network', () => {
  it(
    'refer to no host but their own, nor does anything they load',
    async () => {
      const origin = new URL(p.gateway.url).origin;
      const pages = ['/', '/graphql', '/graphiql', '/r/', '/r/index.html', '/r/?t=forged', '/r/?c=AAAA-BBBB-CCCC'];
      const scans = await Promise.all(pages.map((page) => scanPage(origin, page)));
      expect(scans.flatMap((s) => s.outside)).toEqual([]);
      const fetched = new Map(scans.flatMap((s) => [...s.fetched]));
      // The scan did reach the pages and what they load, from this origin.
      expect(fetched.get('/graphiql')).toMatch(/^200 text\/html/);
      for (const asset of ['react.production.min.js', 'react-dom.production.min.js', 'graphiql.min.js', 'init.js']) expect(fetched.get(`/graphiql/${asset}`)).toMatch(/^200 (application|text)\/javascript/);
      expect(fetched.get('/graphiql/graphiql.min.css')).toMatch(/^200 text\/css/);
      expect(fetched.get('/r/')).toMatch(/^200 text\/html/);
      const residentFiles = [...fetched].filter(([file]) => /^\/r\/.+\.(js|css)$/.test(file));
      expect(residentFiles.map(([file, status]) => [path.extname(file), status.split(' ')[0]]).sort()).toEqual([
        ['.css', '200'],
        ['.js', '200'],
      ]);
      // Apollo's landing page (which loads from a CDN) is off: /graphql asked for HTML is not a page.
      expect(fetched.get('/graphql')).not.toMatch(/text\/html/);
    },
    FLOW_TIMEOUT_MS,
  );

  it('the event catalogue page and the documents services render as HTML (agreements, QR sheets) refer to no outside host', () => {
    // The documents are built from these templates alone (inline styles, inline SVG); the catalogue is a static page.
    const files = ['docs/events/index.html', 'apps/mediation/src/agreement/agreement-document.ts', 'apps/grids/src/qr/qr-sheet.ts'];
    const outside = files.flatMap((file) => outsideUrls(fs.readFileSync(new URL(`../../../${file}`, import.meta.url), 'utf8'), 'null').map((u) => `${file}: ${u}`));
    expect(outside).toEqual([]);
  });

  it(
    'GraphiQL renders and runs a query in chromium with every outside host unreachable',
    async () => {
      const origin = new URL(p.gateway.url).origin;
      const context = await browser.newContext();
      const outside: string[] = [];
      await context.route('**/*', (route) => {
        const url = route.request().url();
        if (new URL(url).origin === origin) return route.continue();
        outside.push(url);
        return route.abort('internetdisconnected');
      });
      const page = await context.newPage();
      page.setDefaultTimeout(UI_WAIT_MS);
      const scriptErrors: string[] = [];
      page.on('pageerror', (err) => scriptErrors.push(err.message));
      // Console errors include a Content-Security-Policy refusal and failed loads.
      page.on('console', (msg) => {
        if (msg.type() === 'error') scriptErrors.push(msg.text());
      });
      try {
        await page.goto(`${origin}/graphiql`);
        await page.locator('.graphiql-container').waitFor();
        await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
        // The editor is CodeMirror 5: set the query through its API, then press GraphiQL's run button.
        await page.evaluate(`document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.setValue('{ __typename }')`);
        await page.locator('.graphiql-execute-button').click();
        await page.locator('.graphiql-response', { hasText: '"__typename": "Query"' }).waitFor();
        // The schema came by introspection from this gateway: the documentation explorer lists the root types.
        await page.getByRole('button', { name: /documentation explorer/i }).click();
        await page.locator('.graphiql-doc-explorer', { hasText: 'Query' }).waitFor();
        await eventually(async () => ((await page.evaluate<boolean>(`!!document.querySelector('.graphiql-doc-explorer a')`)) ? true : undefined), UI_WAIT_MS);
        expect(outside).toEqual([]);
        expect(scriptErrors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    FLOW_TIMEOUT_MS,
  );
});
