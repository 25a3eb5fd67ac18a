// How the gateway reports and logs errors: the GraphQL module wired as app.ts wires it (the real
// schema, formatError, the ResolverErrorFilter) with a pino logger that can be read back, on the
// real NATS. Identity is a stand-in on this run's subjects that answers sign-ins with the coded
// error the login names, as a service's error filter would send it.
import { IdentityRpc } from '@gov/identity-contracts';
import { JwtVerifier } from '@gov/platform-auth';
import { parseConfig } from '@gov/platform-config';
import { Metrics, PinoNestLogger } from '@gov/platform-observability';
import { TestContext } from '@gov/platform-testing';
import type { INestApplication } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import type { Subscription } from '@nats-io/transport-node';
import { pino } from 'pino';
import { gatewayConfigSchema } from './config.js';
import { ResolverErrorFilter } from './errors.js';
import { GatewayModule } from './gateway.module.js';

interface Line {
  level: number;
  msg: string;
  code?: string;
  reason?: string;
  field?: string;
  err?: { type?: string; message?: string; stack?: string };
}

const INFO = 30;
const WARN = 40;
const ERROR = 50;

/** What the identity stand-in answers to a sign-in, by login: the envelope a service sends, or a body that is not one. */
const ANSWERS: Record<string, string> = {
  refused: JSON.stringify({ ok: false, error: { code: 'FORBIDDEN', message: 'not allowed for this region' } }),
  missing: JSON.stringify({ ok: false, error: { code: 'NOT_FOUND', message: 'account missing not found' } }),
  invalid: JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: 'invalid input', fields: [{ path: 'login', message: 'too short' }] } }),
  throttled: JSON.stringify({ ok: false, error: { code: 'UNAUTHENTICATED', message: 'too many attempts', reason: 'TOO_MANY_ATTEMPTS', fields: [{ path: 'retryAfterSeconds', message: '540' }] } }),
  faulty: JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: 'internal error' } }),
  garbled: 'password=hunter2 <html>not a reply',
};

const t = new TestContext();
const logs: Line[] = [];
const subs: Subscription[] = [];
let http: INestApplication;
let url: string;

beforeAll(async () => {
  const nc = await t.nats();
  subs.push(
    nc.subscribe(t.ns.subject(IdentityRpc.login), {
      callback: (_err, msg) => void msg.respond(ANSWERS[msg.json<{ login: string }>().login] ?? JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: 'internal error' } })),
    }),
  );
  await nc.flush();
  const config = parseConfig(gatewayConfigSchema, t.env('gateway'));
  const rpc = await t.rpc({ timeoutMs: config.RPC_TIMEOUT_MS });
  const verifier = new JwtVerifier({ issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE, fetchJwks: () => rpc.request(IdentityRpc.jwks, {}) });
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  http = await NestFactory.create(GatewayModule.forRoot({ config, rpc, verifier, metrics: new Metrics('gateway-errors-test', false), readiness: {} }), { logger: new PinoNestLogger(logger) });
  http.useGlobalFilters(new ResolverErrorFilter(logger, http.get(HttpAdapterHost)));
  await http.listen(0, '127.0.0.1');
  url = (await http.getUrl()).replace('[::1]', '127.0.0.1');
});
afterAll(async () => {
  await http?.close();
  for (const s of subs) s.unsubscribe();
  await t.cleanup();
});

/** One GraphQL request; answers its errors and the lines logged while it ran (the filter logs before the response is sent). */
async function gql(query: string, variables: Record<string, unknown> = {}): Promise<{ errors: any[]; lines: Line[] }> {
  const from = logs.length;
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body: any = await res.json();
  return { errors: body.errors ?? [], lines: logs.slice(from) };
}

const login = (name: string) => gql(`mutation($l: String!) { login(login: $l, password: "irrelevant") { accessToken } }`, { l: name });

describe('errors the services answer with, through the gateway', () => {
  it.each([
    ['FORBIDDEN', 'refused', WARN],
    ['NOT_FOUND', 'missing', INFO],
    ['VALIDATION', 'invalid', INFO],
    ['UNAUTHENTICATED', 'throttled', INFO],
  ] as const)('%s reaches the client with its code and is logged at info or warn with it, never at error level', async (code, name, level) => {
    const { errors, lines } = await login(name);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: ['login'], extensions: { code } });
    expect(JSON.stringify(errors)).not.toMatch(/at .*\.(ts|js):\d+/);
    const mine = lines.filter((l) => l.field === 'Mutation.login');
    expect(mine).toEqual([expect.objectContaining({ level, code, msg: errors[0].message })]);
    expect(mine[0]!.level).toBeLessThan(ERROR);
    // Not an unhandled exception: no stack, and nothing else logged at error level for it.
    expect(mine[0]!.err).toBeUndefined();
    expect(lines.filter((l) => l.level >= ERROR)).toEqual([]);
  });

  it('keeps the fields and reason of an expected error for the client (a throttled sign-in says when to retry)', async () => {
    const { errors, lines } = await login('throttled');
    expect(errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'TOO_MANY_ATTEMPTS', fields: [{ path: 'retryAfterSeconds', message: '540' }], retryAfterSeconds: 540 });
    expect(lines.find((l) => l.field === 'Mutation.login')).toMatchObject({ level: INFO, code: 'UNAUTHENTICATED', reason: 'TOO_MANY_ATTEMPTS' });
  });

  it('UNAVAILABLE (no service answers) is logged at warn with its code', async () => {
    const { errors, lines } = await gql(`mutation { refreshToken(refreshToken: "x") { accessToken } }`);
    expect(errors[0]).toMatchObject({ path: ['refreshToken'], extensions: { code: 'UNAVAILABLE', reason: 'NO_RESPONDERS' } });
    expect(lines.filter((l) => l.field === 'Mutation.refreshToken')).toEqual([expect.objectContaining({ level: WARN, code: 'UNAVAILABLE', reason: 'NO_RESPONDERS' })]);
    expect(lines.filter((l) => l.level >= ERROR)).toEqual([]);
  });

  it("a gateway's own refusal (signed out) is logged at info with its code", async () => {
    const { errors, lines } = await gql(`{ me { username } }`);
    expect(errors[0]).toMatchObject({ path: ['me'], extensions: { code: 'UNAUTHENTICATED' } });
    expect(lines.filter((l) => l.field === 'Query.me')).toEqual([expect.objectContaining({ level: INFO, code: 'UNAUTHENTICATED' })]);
    expect(lines.filter((l) => l.level >= ERROR)).toEqual([]);
  });

  it('a malformed query is answered VALIDATION and logs nothing at error level', async () => {
    const { errors, lines } = await gql(`{ me { nosuchfield } }`);
    expect(errors[0].extensions).toEqual({ code: 'VALIDATION' });
    expect(lines.filter((l) => l.level >= ERROR)).toEqual([]);
  });
});

describe('faults, through the gateway', () => {
  it('INTERNAL from a service is logged at error level with its code', async () => {
    const { errors, lines } = await login('faulty');
    expect(errors[0]).toMatchObject({ message: 'internal error', extensions: { code: 'INTERNAL' } });
    expect(lines.filter((l) => l.field === 'Mutation.login')).toEqual([expect.objectContaining({ level: ERROR, code: 'INTERNAL' })]);
  });

  it('an unexpected error is logged at error level in full, and the client gets INTERNAL without its text', async () => {
    const { errors, lines } = await login('garbled');
    expect(errors[0]).toEqual({ message: 'internal error', path: ['login'], extensions: { code: 'INTERNAL' } });
    expect(JSON.stringify(errors)).not.toContain('hunter2');
    const line = lines.find((l) => l.field === 'Mutation.login')!;
    expect(line).toMatchObject({ level: ERROR, msg: 'resolver failed', err: { type: 'SyntaxError' } });
    expect(line.err!.stack).toBeTruthy();
  });
});
