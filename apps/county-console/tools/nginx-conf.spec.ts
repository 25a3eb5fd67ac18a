// @vitest-environment node
/**
 * nginx.conf serves the console in production with the rules serve.mjs applies under `npm start`. No
 * nginx runs in the tests, so this parses the file and follows nginx's own choice of location for each
 * path: the API goes to the gateway (WebSocket upgrades too), hashed assets are cached for a year and a
 * missing one is a 404, every console route gets index.html revalidated every time, with serve.mjs's
 * security headers; and nginx runs unprivileged (port 8080, pid and temp files under /tmp).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CSP, isProxied, LIVE_PATH, READY_PATH } from '../serve.mjs';

const APP = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TEXT = fs.readFileSync(path.join(APP, 'nginx.conf'), 'utf8');
const YEAR_SECONDS = 365 * 24 * 3600;
const CONSOLE_PORT = 8080;

interface Directive {
  name: string;
  args: string[];
  block?: Directive[];
}

/** nginx's configuration syntax: directives end with `;` or hold a `{ … }` block; `#` comments; quoted arguments. */
function parseNginx(text: string): Directive[] {
  const tokens: { t: string; quoted: boolean }[] = [];
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    if (/\s/.test(c)) i++;
    else if (c === '#') while (i < text.length && text[i] !== '\n') i++;
    else if (c === '{' || c === '}' || c === ';') {
      tokens.push({ t: c, quoted: false });
      i++;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      for (; j < text.length && text[j] !== c; j++) value += text[j] === '\\' ? text[++j] : text[j];
      if (j >= text.length) throw new Error(`unterminated string at ${i}`);
      tokens.push({ t: value, quoted: true });
      i = j + 1;
    } else {
      let j = i;
      while (j < text.length && !/[\s{};]/.test(text[j]!)) j++;
      tokens.push({ t: text.slice(i, j), quoted: false });
      i = j;
    }
  }
  let at = 0;
  const block = (nested: boolean): Directive[] => {
    const out: Directive[] = [];
    while (at < tokens.length) {
      const first = tokens[at]!;
      if (!first.quoted && first.t === '}') {
        if (!nested) throw new Error('unexpected }');
        at++;
        return out;
      }
      const words: string[] = [];
      while (at < tokens.length && (tokens[at]!.quoted || !['{', ';', '}'].includes(tokens[at]!.t))) words.push(tokens[at++]!.t);
      const end = tokens[at++];
      if (!end || end.t === '}') throw new Error(`directive ${words.join(' ')} is not terminated`);
      const [name = '', ...args] = words;
      out.push(end.t === '{' ? { name, args, block: block(true) } : { name, args });
    }
    if (nested) throw new Error('missing }');
    return out;
  };
  return block(false);
}

const all = (list: Directive[] | undefined, name: string) => (list ?? []).filter((d) => d.name === name);
const one = (list: Directive[] | undefined, name: string) => all(list, name)[0];

interface Location {
  modifier: '' | '=' | '^~' | '~' | '~*';
  path: string;
  body: Directive[];
}
const locationsOf = (list: Directive[]): Location[] =>
  all(list, 'location').map((d) => {
    const [first = '', second] = d.args;
    return second === undefined ? { modifier: '', path: first, body: d.block ?? [] } : { modifier: first as Location['modifier'], path: second, body: d.block ?? [] };
  });

/**
 * The location nginx picks for `uri` (ngx_http_core_find_location): an exact match; else the longest
 * prefix, then within it its nested locations; regular expressions in file order win over a plain
 * prefix (not over `^~`), nested ones first. Answers the chain from the outermost location in.
 */
function chooseLocation(list: Directive[], uri: string): Location[] {
  const locations = locationsOf(list);
  const exact = locations.find((l) => l.modifier === '=' && l.path === uri);
  if (exact) return [exact];
  const prefix = locations
    .filter((l) => (l.modifier === '' || l.modifier === '^~') && uri.startsWith(l.path))
    .sort((a, b) => b.path.length - a.path.length)[0];
  const inner = prefix ? chooseLocation(prefix.body, uri) : [];
  const innerIsRegex = inner.some((l) => l.modifier === '~' || l.modifier === '~*');
  if (prefix && (prefix.modifier === '^~' || innerIsRegex)) return [prefix, ...inner];
  const regex = locations.find((l) => (l.modifier === '~' || l.modifier === '~*') && new RegExp(l.path, l.modifier === '~*' ? 'i' : '').test(uri));
  if (regex) return [regex];
  return prefix ? [prefix, ...inner] : [];
}

type Handling = 'gateway' | 'health' | 'asset or 404' | 'file or index.html' | '404';

/** What the chosen location does with a request. */
function handling(chain: Location[]): Handling | undefined {
  const body = chain.at(-1)?.body ?? [];
  if (one(body, 'proxy_pass')) return 'gateway';
  const ret = one(body, 'return');
  if (ret?.args[0] === '200') return 'health';
  if (ret?.args[0] === '404') return '404';
  const tryFiles = one(body, 'try_files')?.args;
  if (tryFiles?.join(' ') === '$uri =404') return 'asset or 404';
  if (tryFiles?.join(' ') === '$uri /index.html') return 'file or index.html';
  return undefined;
}

/** The same decision in serve.mjs. */
function serveHandling(uri: string): Handling {
  if (uri === READY_PATH || uri === LIVE_PATH) return 'health';
  if (isProxied(uri)) return 'gateway';
  if (uri.split('/').some((p) => p.startsWith('.'))) return '404';
  return uri.startsWith('/assets/') ? 'asset or 404' : 'file or index.html';
}

/** add_header values in effect in a location chain: nginx inherits them only into a level that defines none. */
function headersOf(chain: Location[], server: Directive[]): Map<string, { value: string; always: boolean }> {
  const levels = [server, ...chain.map((l) => l.body)];
  const defining = [...levels].reverse().find((l) => all(l, 'add_header').length > 0) ?? [];
  return new Map(all(defining, 'add_header').map((d) => [d.args[0]!.toLowerCase(), { value: d.args[1]!, always: d.args[2] === 'always' }]));
}

/** The value a `map` gives for `input` (regex entries start with ~, in file order; else exact; else default). */
function mapValue(http: Directive[], variable: string, input: string): string | undefined {
  const map = all(http, 'map').find((m) => m.args[1] === variable);
  if (!map) return undefined;
  const entries = (map.block ?? []).map((d) => [d.name, d.args[0] ?? ''] as const);
  const exact = entries.find(([k]) => k === input && !k.startsWith('~'));
  if (exact) return exact[1];
  const regex = entries.find(([k]) => k.startsWith('~') && new RegExp(k.slice(1)).test(input));
  return regex?.[1] ?? entries.find(([k]) => k === 'default')?.[1];
}

const PATHS = ['/', '/queue', '/petitions/42', '/stats?from=2026-01-01', '/index.html', '/assets/index-abc123.js', '/assets/missing.js', '/graphql', '/graphql/stream', '/graphqlx', '/tiles/12/3400/1700.pbf', '/r', '/r/', '/rx', '/.vite/manifest.json', READY_PATH, LIVE_PATH];

/** Every problem with nginx.conf, as readable lines (empty when it is fine). */
function checkNginx(text: string): string[] {
  const errors: string[] = [];
  const main = parseNginx(text);
  const http = one(main, 'http')?.block ?? [];
  const servers = all(http, 'server');
  if (servers.length !== 1) return [`expected one server block, found ${servers.length}`];
  const server = servers[0]!.block ?? [];

  // Unprivileged: no user switch, a port above 1024, every file nginx writes under /tmp.
  if (one(main, 'user')) errors.push('no `user` directive: the image runs nginx as its own non-root uid');
  const listens = all(server, 'listen').map((d) => d.args[0]);
  if (listens.join() !== String(CONSOLE_PORT)) errors.push(`must listen on ${CONSOLE_PORT} only, listens on ${listens.join(', ')}`);
  if (!one(main, 'pid')?.args[0]?.startsWith('/tmp/')) errors.push('pid must be under /tmp (the only writable directory)');
  for (const temp of ['client_body_temp_path', 'proxy_temp_path', 'fastcgi_temp_path', 'uwsgi_temp_path', 'scgi_temp_path']) {
    if (!one(http, temp)?.args[0]?.startsWith('/tmp/')) errors.push(`${temp} must be under /tmp`);
  }

  // Each path handled as serve.mjs handles it.
  for (const uri of PATHS) {
    const route = uri.split('?')[0]!;
    const chain = chooseLocation(server, route);
    const got = handling(chain);
    const want = serveHandling(route);
    if (got !== want) errors.push(`${uri}: nginx ${got ?? 'does nothing known'}, serve.mjs ${want}`);
  }

  // The gateway: its upstream, and the WebSocket upgrade graphql-ws needs.
  const upstream = all(http, 'upstream').find((u) => u.args[0] === 'gateway');
  if (!upstream || one(upstream.block, 'server')?.args[0] !== 'gateway:4000') errors.push('upstream gateway must be the gateway Service, gateway:4000');
  const api = chooseLocation(server, '/graphql').at(-1)?.body ?? [];
  if (one(api, 'proxy_pass')?.args[0] !== 'http://gateway') errors.push('/graphql must proxy_pass http://gateway');
  if (one(api, 'proxy_http_version')?.args[0] !== '1.1') errors.push('/graphql needs proxy_http_version 1.1 (WebSocket)');
  const setHeaders = new Map(all(api, 'proxy_set_header').map((d) => [d.args[0]!.toLowerCase(), d.args[1]]));
  if (setHeaders.get('upgrade') !== '$http_upgrade') errors.push('/graphql must pass Upgrade: $http_upgrade');
  const connection = setHeaders.get('connection');
  const upgradeMap = connection?.startsWith('$') ? all(http, 'map').find((m) => m.args[0] === '$http_upgrade' && m.args[1] === connection) : undefined;
  if (!upgradeMap || mapValue(http, connection!, 'websocket') !== 'upgrade') errors.push('/graphql must pass Connection: upgrade when the browser asks for an upgrade');
  const timeout = Number.parseInt(one(api, 'proxy_read_timeout')?.args[0] ?? '60', 10);
  if (!(timeout >= 3600)) errors.push(`/graphql proxy_read_timeout ${timeout}s closes idle subscriptions: at least 3600s`);

  // Headers as serve.mjs sends them.
  for (const uri of ['/queue', '/assets/index-abc123.js', '/index.html']) {
    const chain = chooseLocation(server, uri);
    const headers = headersOf(chain, server);
    const expected: Record<string, string> = { 'content-security-policy': CSP, 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin' };
    for (const [name, value] of Object.entries(expected)) {
      if (headers.get(name)?.value !== value) errors.push(`${uri}: ${name} must be serve.mjs's (${value}), is ${headers.get(name)?.value}`);
    }
    const cache = headers.get('cache-control')?.value ?? '';
    // try_files answers /queue with /index.html (an internal redirect: $uri becomes /index.html).
    const finalUri = uri.startsWith('/assets/') ? uri : '/index.html';
    const value = cache.startsWith('$') ? mapValue(http, cache, finalUri) : cache;
    const want = uri.startsWith('/assets/') ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache';
    if (value !== want) errors.push(`${uri}: Cache-Control must be "${want}", is "${value}"`);
    if (headers.get('cache-control')?.always) errors.push(`${uri}: Cache-Control without "always": a 404 must not be cached for a year`);
  }
  return errors;
}

describe('nginx.conf', () => {
  it('parses: directives, blocks, quoted strings and comments', () => {
    expect(parseNginx('# x\nhttp { map $a $b { default "x y"; } server { listen 1; } }')).toEqual([
      { name: 'http', args: [], block: [{ name: 'map', args: ['$a', '$b'], block: [{ name: 'default', args: ['x y'] }] }, { name: 'server', args: [], block: [{ name: 'listen', args: ['1'] }] }] },
    ]);
    expect(() => parseNginx('http { listen 1; ')).toThrow(/missing }/);
    expect(() => parseNginx('listen 1')).toThrow(/not terminated/);
  });

  it('picks locations as nginx does: exact, longest prefix, nested, regex over plain prefix', () => {
    const server = parseNginx('location = /a { x; } location / { location /b/ { y; } } location ^~ /c/ { z; } location ~ ^/(b|c)/ { r; }');
    const names = (uri: string) => chooseLocation(server, uri).map((l) => `${l.modifier}${l.path}`);
    expect(names('/a')).toEqual(['=/a']);
    expect(names('/ab')).toEqual(['/']);
    expect(names('/b/1')).toEqual(['~^/(b|c)/']);
    expect(names('/c/1')).toEqual(['^~/c/']);
    expect(names('/d')).toEqual(['/']);
  });

  it('follows serve.mjs: the API to the gateway with WebSocket upgrades, assets cached a year, index.html for routes, same security headers, unprivileged', () => {
    expect(checkNginx(TEXT)).toEqual([]);
    // And the rules really are the ones a user depends on.
    const server = one(one(parseNginx(TEXT), 'http')!.block, 'server')!.block!;
    expect(handling(chooseLocation(server, '/queue'))).toBe('file or index.html');
    expect(handling(chooseLocation(server, '/assets/missing.js'))).toBe('asset or 404');
    expect(handling(chooseLocation(server, '/graphql'))).toBe('gateway');
    expect(handling(chooseLocation(server, '/tiles/1/2/3.pbf'))).toBe('gateway');
    expect(handling(chooseLocation(server, '/r/'))).toBe('gateway');
  });

  describe('the check itself fails on a broken file', () => {
    const edit = (from: string | RegExp, to: string) => {
      const changed = TEXT.replace(from, to);
      expect(changed).not.toBe(TEXT);
      return checkNginx(changed);
    };
    it('no WebSocket upgrade, or a short timeout on /graphql', () => {
      expect(edit(/^\s*proxy_set_header Upgrade .*$/m, '')).toContain('/graphql must pass Upgrade: $http_upgrade');
      expect(edit(/^\s*proxy_read_timeout .*$/m, '      proxy_read_timeout 60s;')).toContain('/graphql proxy_read_timeout 60s closes idle subscriptions: at least 3600s');
    });
    it('a missing asset answered with index.html', () => {
      expect(edit('try_files $uri =404;', 'try_files $uri /index.html;')).toContain('/assets/missing.js: nginx file or index.html, serve.mjs asset or 404');
    });
    it('the resident page or the tiles served as the console', () => {
      expect(edit('tiles/|', '')).toContain('/tiles/12/3400/1700.pbf: nginx file or index.html, serve.mjs gateway');
    });
    it('a privileged port or a pid file outside /tmp', () => {
      expect(edit('listen 8080;', 'listen 80;')).toContain('must listen on 8080 only, listens on 80');
      expect(edit('pid /tmp/nginx.pid;', 'pid /run/nginx.pid;')).toContain('pid must be under /tmp (the only writable directory)');
    });
    it('index.html cached, or a header of serve.mjs missing', () => {
      expect(edit('default "no-cache";', 'default "max-age=3600";')).toContain('/queue: Cache-Control must be "no-cache", is "max-age=3600"');
      expect(edit(/^\s*add_header Referrer-Policy .*$/m, '')).toContain('/queue: referrer-policy must be serve.mjs\'s (same-origin), is undefined');
      // A header added in the nested /assets/ location would drop every header of its parent.
      expect(edit('try_files $uri =404;', 'try_files $uri =404; add_header X-Asset 1;')).toEqual(
        expect.arrayContaining([expect.stringMatching(/^\/assets\/index-abc123\.js: content-security-policy must be serve\.mjs's/)]),
      );
    });
  });
});
