// Baseline for `npm run bench`: one process answering the gateway's `steward(id)` read straight
// from PostgreSQL. Plain node:http, a pg pool of 10, no auth, no GraphQL parsing beyond taking the
// id from `variables`. The response has the same shape the gateway returns for
//   query($id: ID!) { steward(id: $id) { id number class grid } }
//
// Environment: DATABASE_URL, DB_SCHEMA (identity's schema), HTTP_PORT.
import http from 'node:http';
import pg from 'pg';

const schema = process.env.DB_SCHEMA;
if (!schema || !/^[a-z_][a-z0-9_]*$/.test(schema)) {
  process.stderr.write('baseline: DB_SCHEMA must be a plain schema name\n');
  process.exit(78);
}
const port = Number(process.env.HTTP_PORT ?? 0);
const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
pool.on('error', (err) => process.stderr.write(`baseline: pool error: ${err.message}\n`));

const text = `select id, number, class, grid from "${schema}".steward where id = $1`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function send(res, status, payload) {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = http.createServer((req, res) => {
  if (req.method === 'GET' && (req.url === '/health/ready' || req.url === '/health/live')) {
    pool.query('select 1').then(
      () => send(res, 200, { status: 'ok' }),
      () => send(res, 503, { status: 'unavailable' }),
    );
    return;
  }
  if (req.method !== 'POST' || req.url !== '/graphql') return send(res, 404, { errors: [{ message: 'not found' }] });
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    let id;
    try {
      id = JSON.parse(Buffer.concat(chunks).toString('utf8'))?.variables?.id;
    } catch {
      return send(res, 400, { errors: [{ message: 'invalid JSON' }] });
    }
    if (typeof id !== 'string' || !UUID.test(id)) return send(res, 200, { errors: [{ message: 'id must be an id', extensions: { code: 'VALIDATION' } }], data: null });
    try {
      const { rows } = await pool.query({ name: 'steward_by_id', text, values: [id] });
      if (rows.length === 0) return send(res, 200, { errors: [{ message: `steward ${id} not found`, extensions: { code: 'NOT_FOUND' } }], data: null });
      const s = rows[0];
      send(res, 200, { data: { steward: { id: s.id, number: s.number, class: s.class, grid: s.grid } } });
    } catch (err) {
      send(res, 500, { errors: [{ message: err.message, extensions: { code: 'INTERNAL' } }] });
    }
  });
});
server.keepAliveTimeout = 30_000;

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ listening: server.address().port }) + '\n');
});

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections?.();
    pool.end().finally(() => process.exit(0));
  });
}
