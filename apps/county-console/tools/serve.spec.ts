// @vitest-environment node
/**
 * serve.mjs, the console's own server under `npm start`, against a real local HTTP server standing in
 * for the gateway: it forwards /graphql (POST and the graphql-ws WebSocket upgrade), /tiles and /r
 * unchanged, answers index.html for the console's routes, a 404 for a missing asset, caches hashed
 * assets for a year and sends its security headers.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { CSP, startConsoleServer } from '../serve.mjs';

interface Seen {
  method: string;
  url: string;
  body: string;
  headers: http.IncomingHttpHeaders;
}

const TILE = Buffer.from([0x1a, 0x00, 0xff, 0x10, 0x80, 0x7f]);
const INDEX = '<!doctype html><title>县区工作台</title><div id="root"></div>';
const ASSET = 'export const answer = 42;';

let root: string;
let upstream: http.Server;
let upstreamPort: number;
let seen: Seen[] = [];
let server: { port: number; close(): Promise<void> };
let base: string;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'console-dist-'));
  fs.mkdirSync(path.join(root, 'assets'));
  fs.mkdirSync(path.join(root, '.vite'));
  fs.writeFileSync(path.join(root, 'index.html'), INDEX);
  fs.writeFileSync(path.join(root, 'assets', 'index-abc123.js'), ASSET);
  fs.writeFileSync(path.join(root, '.vite', 'manifest.json'), '{}');
  fs.writeFileSync(path.join(root, '..', `${path.basename(root)}-secret.txt`), 'secret');

  upstream = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      if (req.url?.startsWith('/tiles/')) {
        res.writeHead(200, { 'content-type': 'application/x-protobuf', 'cache-control': 'public, max-age=60' });
        return void res.end(TILE);
      }
      if (req.url?.startsWith('/r')) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return void res.end('<h1>码上议</h1>');
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { echo: JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null') } }));
    });
  });
  const wss = new WebSocketServer({ server: upstream, handleProtocols: (protocols) => (protocols.has('graphql-transport-ws') ? 'graphql-transport-ws' : false) });
  wss.on('connection', (socket, req) => {
    socket.send(JSON.stringify({ type: 'hello', url: req.url }));
    socket.on('message', (m) => socket.send(JSON.stringify({ type: 'echo', payload: JSON.parse(String(m)) })));
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamPort = (upstream.address() as { port: number }).port;
  server = await startConsoleServer({ port: 0, host: '127.0.0.1', gatewayUrl: `http://127.0.0.1:${upstreamPort}`, root });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await server?.close();
  upstream?.closeAllConnections();
  await new Promise((resolve) => upstream?.close(resolve));
  fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(path.join(root, '..', `${path.basename(root)}-secret.txt`), { force: true });
});

describe('serve.mjs', () => {
  it('forwards a GraphQL POST to the gateway with its body and token, and answers with the gateway’s answer', async () => {
    seen = [];
    const body = { query: 'query Me { me { accountId } }', variables: {} };
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer t1' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { echo: body } });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/graphql', body: JSON.stringify(body) });
    expect(seen[0]!.headers.authorization).toBe('Bearer t1');
    expect(seen[0]!.headers['x-forwarded-for']).toMatch(/127\.0\.0\.1/);
  });

  it('carries the graphql-ws WebSocket both ways', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/graphql`, 'graphql-transport-ws');
    const messages: { type: string; url?: string; payload?: unknown }[] = [];
    socket.on('message', (m) => messages.push(JSON.parse(String(m))));
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    expect(socket.protocol).toBe('graphql-transport-ws');
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: 'Bearer t1' } }));
    await expect.poll(() => messages.length, { timeout: 5000 }).toBe(2);
    expect(messages).toEqual([
      { type: 'hello', url: '/graphql' },
      { type: 'echo', payload: { type: 'connection_init', payload: { authorization: 'Bearer t1' } } },
    ]);
    socket.close();
  });

  it('refuses a WebSocket upgrade on a console path', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${server.port}/queue`);
    const outcome = await new Promise<string>((resolve) => {
      socket.once('open', () => resolve('open'));
      socket.once('error', () => resolve('refused'));
    });
    expect(outcome).toBe('refused');
  });

  it('forwards vector tiles byte for byte, and the resident page', async () => {
    const tile = await fetch(`${base}/tiles/14/13400/6700.pbf`);
    expect(tile.status).toBe(200);
    expect(tile.headers.get('content-type')).toBe('application/x-protobuf');
    expect(Buffer.from(await tile.arrayBuffer())).toEqual(TILE);
    const page = await fetch(`${base}/r/?t=abc`);
    expect(await page.text()).toBe('<h1>码上议</h1>');
    expect(seen.some((s) => s.url === '/r/?t=abc')).toBe(true);
  });

  it('answers index.html for the console’s routes, revalidated every time, with the security headers', async () => {
    for (const route of ['/', '/queue', '/petitions/42', '/stats?from=2026-01-01']) {
      const res = await fetch(`${base}${route}`);
      expect([route, res.status, await res.text()]).toEqual([route, 200, INDEX]);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toBe(CSP);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
    }
    expect(CSP).toMatch(/frame-ancestors 'none'/);
    expect(CSP).toMatch(/script-src 'self';/);
  });

  it('caches hashed assets for a year and answers 404 for a missing one (not index.html)', async () => {
    const asset = await fetch(`${base}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe(ASSET);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const missing = await fetch(`${base}/assets/index-old999.js`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain('<!doctype html>');
  });

  it('never serves a file outside dist/ or its build metadata', async () => {
    const escape = await fetch(`${base}/..%2f${path.basename(root)}-secret.txt`);
    expect(await escape.text()).not.toContain('secret');
    const manifest = await fetch(`${base}/.vite/manifest.json`);
    expect(manifest.status).toBe(404);
  });

  it('answers the probes itself', async () => {
    for (const probe of ['/health/ready', '/health/live']) {
      const res = await fetch(`${base}${probe}`);
      expect([probe, res.status, await res.text()]).toEqual([probe, 200, 'ok']);
    }
  });

  it('answers UNAVAILABLE in GraphQL’s shape when the gateway is down', async () => {
    const down = http.createServer();
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const port = (down.address() as { port: number }).port;
    await new Promise((resolve) => down.close(resolve));
    const other = await startConsoleServer({ port: 0, host: '127.0.0.1', gatewayUrl: `http://127.0.0.1:${port}`, root });
    try {
      const res = await fetch(`http://127.0.0.1:${other.port}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).toBe(502);
      expect(await res.json()).toEqual({ errors: [{ message: '网关不可用', extensions: { code: 'UNAVAILABLE' } }] });
    } finally {
      await other.close();
    }
  });

  it('refuses to start without a build', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'console-empty-'));
    try {
      await expect(startConsoleServer({ port: 0, host: '127.0.0.1', root: empty })).rejects.toThrow(/no console build/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
