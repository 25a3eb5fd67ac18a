// What the benchmarks' baselines (bench/baseline.mjs, grids-baseline.mjs, tasks-baseline.mjs)
// share: one plain node:http process with a pg pool, no auth and no GraphQL beyond telling the
// request bodies apart, so that the figures show what PostgreSQL plus one minimal Node process can
// do. Each baseline brings its own SQL and answers; this is the process around them.
//
// Environment: DATABASE_URL, DB_SCHEMA (a plain schema name), HTTP_PORT, DB_POOL_MAX (10).
import http from 'node:http';
import pg from 'pg';

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The baseline's pool on DB_SCHEMA, of DB_POOL_MAX connections (10: the services' default pool, so
 * that both sides of a pair have as many). A schema name that is not plain exits with 78 (EX_CONFIG):
 * it goes into the SQL as `S`, the quoted schema.
 */
export function baselinePool(name) {
  const schema = process.env.DB_SCHEMA;
  if (!schema || !/^[a-z_][a-z0-9_]*$/.test(schema)) {
    process.stderr.write(`${name}: DB_SCHEMA must be a plain schema name\n`);
    process.exit(78);
  }
  const poolMax = Number(process.env.DB_POOL_MAX ?? 10);
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: poolMax });
  pool.on('error', (err) => process.stderr.write(`${name}: pool error: ${err.message}\n`));
  return { schema, S: `"${schema}"`, pool, poolMax };
}

export function send(res, status, payload) {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** A refusal as the gateway answers it: HTTP 200, `errors` with extensions.code (and reason), data null. */
export const gqlError = (res, message, code, reason) => send(res, 200, { errors: [{ message, extensions: { code, ...(reason ? { reason } : {}) } }], data: null });

/**
 * Outbox.add (libs/platform/outbox/src/outbox.ts): the aggregate-version upsert and the outbox row
 * in one statement, in the schema `S`; the service's relay publishes the rows as its own.
 */
export const outboxAddSql = (S) => `with v as (
         insert into ${S}.outbox_aggregate_version as a (source, version) values ($1, 1)
         on conflict (source) do update set version = a.version + 1
         returning version)
       insert into ${S}.outbox_event (id, subject, type, source, county, correlation_id, data, aggregate_version)
       select $2::uuid, $3::text, $4::text, $5::text, $6::text, $7::text, $8::jsonb, v.version from v`;

/**
 * Serves the baseline on 127.0.0.1:HTTP_PORT (idle keep-alive connections are kept 30 s):
 *   GET /health/ready, /health/live   200 when the pool answers (the runner waits for it, as for the services)
 *   other GETs                        `get(req, res)`: a promise when it takes the request, else a 404
 *   POST /graphql                     `graphql({ query, variables }, req, res)` with the JSON body's
 *                                     query ('' when none) and variables ({} when none)
 * Anything else is a 404, a body that is not JSON a 400, and a thrown error a 500. It prints
 * { listening, poolMax } once listening, and SIGINT/SIGTERM close it and the pool.
 */
export function serveBaseline({ pool, poolMax, graphql, get }) {
  const port = Number(process.env.HTTP_PORT ?? 0);
  const fail = (res, err) => send(res, 500, { errors: [{ message: err.message, extensions: { code: 'INTERNAL' } }] });
  const server = http.createServer((req, res) => {
    if (req.method === 'GET') {
      if (req.url === '/health/ready' || req.url === '/health/live') {
        pool.query('select 1').then(
          () => send(res, 200, { status: 'ok' }),
          () => send(res, 503, { status: 'unavailable' }),
        );
        return;
      }
      const handling = get?.(req, res);
      if (handling) return void handling.catch((err) => fail(res, err));
    }
    if (req.method !== 'POST' || req.url !== '/graphql') return send(res, 404, { errors: [{ message: 'not found' }] });
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return send(res, 400, { errors: [{ message: 'invalid JSON' }] });
      }
      try {
        await graphql({ query: typeof body?.query === 'string' ? body.query : '', variables: body?.variables ?? {} }, req, res);
      } catch (err) {
        fail(res, err);
      }
    });
  });
  server.keepAliveTimeout = 30_000;

  server.listen(port, '127.0.0.1', () => {
    process.stdout.write(JSON.stringify({ listening: server.address().port, poolMax }) + '\n');
  });

  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      server.close();
      server.closeAllConnections?.();
      pool.end().finally(() => process.exit(0));
    });
  }
  return server;
}
