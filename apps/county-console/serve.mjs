#!/usr/bin/env node
/**
 * Serves the built console (dist/) and forwards the API to the gateway, so the browser talks to one
 * origin (no CORS, cookies never needed): /graphql (HTTP and its graphql-ws upgrade), /tiles and /r
 * (the resident page) go to GATEWAY_URL. `npm start` runs it on :4200; production uses nginx with the
 * same rules (nginx.conf). Hashed assets are cached for a year, index.html is revalidated every time,
 * and every other path answers index.html (the console's own routes).
 *
 *   node serve.mjs            PORT (4200), GATEWAY_URL (http://127.0.0.1:4000), CONSOLE_DIST (./dist)
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_PORT = 4200;
export const READY_PATH = '/health/ready';
export const LIVE_PATH = '/health/live';
/** Paths the gateway answers; everything else is the console. */
export const PROXIED = ['/graphql', '/tiles/', '/r/', '/r'];
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.ico': 'image/x-icon' };
const YEAR_SECONDS = 365 * 24 * 3600;
/** MapLibre runs its workers from blob: URLs and React sets inline style attributes. */
export const CSP = "default-src 'self'; script-src 'self'; worker-src 'self' blob:; child-src blob:; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export const isProxied = (url) => PROXIED.some((p) => url === p || url.startsWith(p.endsWith('/') ? p : p + '?') || url.startsWith(p.endsWith('/') ? p : p + '/'));

/** Starts the server; answers { port, close() }. */
export async function startConsoleServer({ port = DEFAULT_PORT, gatewayUrl = 'http://127.0.0.1:4000', root = path.join(HERE, 'dist'), host = '0.0.0.0' } = {}) {
  const gateway = new URL(gatewayUrl);
  const index = path.join(root, 'index.html');
  if (!fs.existsSync(index)) throw new Error(`no console build at ${root}: run \`npx nx build @gov/county-console\``);

  const server = http.createServer((req, res) => {
    // Liveness and readiness alike: a static server that listens can serve (the gateway has its own probes).
    if (req.url === READY_PATH || req.url === LIVE_PATH) return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    if (isProxied(req.url ?? '/')) return forward(req, res, gateway);
    serveFile(req, res, root, index);
  });
  server.on('upgrade', (req, socket, head) => {
    if (!isProxied(req.url ?? '/')) return socket.destroy();
    const upstream = net.connect(Number(gateway.port || 80), gateway.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(lines.join('\r\n') + '\r\n\r\n');
      if (head?.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    const end = () => {
      upstream.destroy();
      socket.destroy();
    };
    upstream.on('error', end);
    socket.on('error', end);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    port: server.address().port,
    close: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(() => resolve());
    }),
  };
}

function forward(req, res, gateway) {
  const upstream = http.request(
    { host: gateway.hostname, port: gateway.port || 80, method: req.method, path: req.url, headers: { ...req.headers, host: gateway.host, 'x-forwarded-for': req.socket.remoteAddress ?? '' } },
    (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    },
  );
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ message: '网关不可用', extensions: { code: 'UNAVAILABLE' } }] }));
  });
  req.pipe(upstream);
}

function serveFile(req, res, root, index) {
  const url = new URL(req.url ?? '/', 'http://console');
  const wanted = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
  // Dot paths (Vite's .vite/manifest.json) are build metadata, not for browsers; nginx.conf hides them too.
  const hidden = url.pathname.split('/').some((part) => part.startsWith('.'));
  if (hidden) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    return res.end('not found');
  }
  const inside = wanted.startsWith(root + path.sep);
  const file = inside && fs.existsSync(wanted) && fs.statSync(wanted).isFile() ? wanted : index;
  // A missing asset is a 404, not the app: a stale chunk name must fail loudly, not parse HTML as JS.
  if (file === index && url.pathname.startsWith('/assets/')) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    return res.end('not found');
  }
  const hashed = file !== index && url.pathname.startsWith('/assets/');
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': hashed ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache',
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
  });
  if (req.method === 'HEAD') return res.end();
  fs.createReadStream(file).pipe(res);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.PORT || DEFAULT_PORT);
  const server = await startConsoleServer({ port, gatewayUrl: process.env.GATEWAY_URL || undefined, root: process.env.CONSOLE_DIST || undefined });
  process.stdout.write(`county console on http://localhost:${server.port}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
