// The NATS users and permissions of deploy/nats (README there) against a real nats-server that
// this suite starts on a free port with a temporary JetStream store: each user tries what it may
// and may not do, through the platform's own connectNats, ensureStreams and EventConsumer where
// the services do the same. Needs the nats-server binary (Debian's 2.9 or newer); the shared NATS
// of the other suites is not touched.
import { IdentityRpc } from '@gov/identity-contracts';
import { DLQ_STREAM, EVENTS_STREAM, eventFilterForType, eventSubject, eventType, type DomainEvent } from '@gov/kernel';
import { ConfigError } from '@gov/platform-config';
import { connectNats, ensureStreams, EventConsumer, Namespace, NatsTransport, toCloudEventHeaders } from '@gov/platform-messaging';
import { createLogger } from '@gov/platform-observability';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, errors, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addNatsService, natsServicePermissions, NATS_PERMS_MARKER, NATS_USERS_MARKER } from './generators/service/service.generator.js';
import { detectNatsCredentials, devNatsPasswords, NATS_AUTH_CONF, natsPasswordVariable, natsServerCommand, natsUsers } from './infra.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const AUTH_CONF = fs.readFileSync(NATS_AUTH_CONF, 'utf8');
/** A bcrypt test vector ("U*U"): nats-server takes a hash in NATS_PASSWORD_<USER> as well as plain text. */
/** Other services' subjects a service requests, beyond the generator's block (grids for QR tokens, points and the demo territory). */
const SERVICE_CALLS: Record<string, string[]> = {
  petitions: ['rpc.grids.qr.resolve', 'rpc.grids.locate', 'rpc.grids.region.byPath', 'rpc.grids.region.children'],
};
const BCRYPT = { password: 'U*U', hash: '$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW' };
const logger = createLogger('nats-permissions-spec', 'silent');
const enc = (v: unknown) => JSON.stringify(v);

type NatsUser = { user: string; variable: string };
type Violation = InstanceType<typeof errors.PermissionViolationError>;

// ---------------------------------------------------------------------------------------------
// a nats-server of our own

interface Server {
  url: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts nats-server as tools/infra.mjs does (natsServerCommand), with `config`; resolves once it says it is ready. */
async function startServer(opts: { config?: string; users?: NatsUser[]; passwords?: Record<string, string> } = {}): Promise<Server> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gov-nats-'));
  const port = await freePort();
  const cmd = natsServerCommand({ host: '127.0.0.1', port, storeDir: path.join(dir, 'store'), ...opts });
  if (!cmd.bin) throw new Error('nats-server is not installed (Debian: apt-get install nats-server); this suite starts its own');
  const child: ChildProcess = spawn(cmd.bin, cmd.args, { env: cmd.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(`not ready after 15 s`), 15_000);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      fs.rmSync(dir, { recursive: true, force: true });
      reject(new Error(`nats-server -c ${path.relative(root, cmd.args[1]!)}: ${why}\n${output}`));
    };
    const onData = (chunk: Buffer) => {
      output += chunk;
      if (/Server is ready/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(`exited (${code})`));
  });
  child.removeAllListeners('exit');
  return {
    url: `nats://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A file next to nothing else: a config (auth.conf plus a generated service, or an empty one). */
function tempConfig(text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gov-nats-conf-')), 'auth.conf');
  fs.writeFileSync(file, text);
  return file;
}

// ---------------------------------------------------------------------------------------------
// clients

/**
 * One user's connection (connectNats, as the apps connect) with the permission violations the
 * server reported to it: they arrive asynchronously, as the -ERR answering a PUB or SUB.
 */
class Client {
  readonly violations: Violation[] = [];
  private readonly waiting = new Set<() => void>();

  constructor(
    readonly user: string,
    readonly nc: NatsConnection,
  ) {
    void (async () => {
      for await (const s of nc.status()) {
        if (s.type === 'error' && s.error instanceof errors.PermissionViolationError) {
          this.violations.push(s.error);
          for (const wake of this.waiting) wake();
        }
      }
    })();
  }

  /** The server's refusal of `operation` on `subject` (waits for it, up to a deadline). */
  violation(operation: 'publish' | 'subscription', subject: string, timeoutMs = 5000): Promise<Violation> {
    const find = () => this.violations.find((v) => v.operation === operation && v.subject === subject);
    return new Promise((resolve, reject) => {
      const check = () => {
        const v = find();
        if (!v) return;
        this.waiting.delete(check);
        clearTimeout(timer);
        resolve(v);
      };
      const timer = setTimeout(() => {
        this.waiting.delete(check);
        reject(new Error(`${this.user}: no permissions violation for ${operation} to ${subject} within ${timeoutMs} ms (seen: ${this.violations.map((v) => v.message).join('; ') || 'none'})`));
      }, timeoutMs);
      this.waiting.add(check);
      check();
    });
  }

  /** Subscribes and waits for the server's verdict: resolves when refused, rejects when it was allowed. */
  async refusedSubscription(subject: string, queue?: string): Promise<Violation> {
    this.nc.subscribe(subject, { queue, callback: () => {} });
    return this.violation('subscription', subject);
  }
}

/** What a request the client refused to let through (publish denied) rejects with. */
async function requestRefusal(p: Promise<unknown>): Promise<Violation> {
  const err = (await p.then(
    () => undefined,
    (e: unknown) => e,
  )) as Error | undefined;
  if (!err) throw new Error('the request was answered');
  expect(err).toBeInstanceOf(errors.RequestError);
  expect(err.cause).toBeInstanceOf(errors.PermissionViolationError);
  return err.cause as Violation;
}

function publishedEvent(county: string, service: string, aggregate: string, event: string): { subject: string; type: string; event: Omit<DomainEvent, 'data'> } {
  const type = eventType(service, aggregate, event);
  const id = randomUUID();
  return { subject: eventSubject(county, service, aggregate, event), type, event: { id, type, source: service, subject: `${aggregate}/${id}`, time: new Date().toISOString(), county } };
}

// ---------------------------------------------------------------------------------------------

describe('deploy/nats/auth.conf, the file itself', () => {
  const users = natsUsers() as NatsUser[];
  const apps = fs
    .readdirSync(path.join(root, 'apps'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(root, 'apps', d.name, 'src', 'main.ts')))
    .map((d) => d.name);

  it('has a user per app, the admin and one integrator per county, each password in NATS_PASSWORD_<USER>', () => {
    expect(users.map((u) => u.user)).toEqual(expect.arrayContaining(['admin', 'gateway', 'identity', 'integrator-dongbao', 'integrator-duodao', ...apps]));
    for (const u of users) expect(u.variable).toBe(natsPasswordVariable(u.user));
    expect(new Set(users.map((u) => u.user)).size).toBe(users.length);
  });

  it('gives every service the same permissions, the block the service generator writes, plus the calls it makes', () => {
    for (const service of apps.filter((a) => a !== 'gateway')) expect(AUTH_CONF).toContain(natsServicePermissions(service, SERVICE_CALLS[service]));
    expect(AUTH_CONF).toContain(NATS_PERMS_MARKER);
    expect(AUTH_CONF).toContain(NATS_USERS_MARKER);
  });

  it('lets the generator add a service once', () => {
    const added = addNatsService(AUTH_CONF, 'surveys');
    expect(natsUsers(added).map((u: NatsUser) => u.user)).toContain('surveys');
    expect(added).toContain(natsServicePermissions('surveys'));
    expect(() => addNatsService(added, 'surveys')).toThrow('deploy/nats/auth.conf already has a NATS user surveys');
    expect(() => addNatsService(AUTH_CONF, 'identity')).toThrow(/already has a NATS user identity/);
  });
});

describe('deploy/nats/auth.conf on nats-server', () => {
  const users = natsUsers() as NatsUser[];
  // Passwords of this run only, with characters the config syntax would misread unquoted; the admin's as a bcrypt hash.
  const passwords = Object.fromEntries(users.map((u) => [u.user, `${randomBytes(12).toString('hex')} ,}#"\\'`]));
  const serverPasswords = { ...passwords, admin: BCRYPT.hash };
  const ns = new Namespace('');
  const clients: Client[] = [];
  let server: Server;

  const login = async (user: string, password = passwords[user]!) => {
    const c = new Client(user, await connectNats(server.url, `spec-${user}`, { user, password }));
    clients.push(c);
    return c;
  };

  let identity: Client;
  let gateway: Client;
  let dongbao: Client;
  let duodao: Client;
  /** What identity's request-reply subscription received: subject, reply inbox, body. */
  const served: { subject: string; reply?: string; body: string }[] = [];
  const events = {
    dongbao: [publishedEvent('dongbao', 'identity', 'steward', 'enrolled'), publishedEvent('dongbao', 'identity', 'person', 'registered')],
    duodao: [publishedEvent('duodao', 'identity', 'steward', 'enrolled')],
    city: [publishedEvent('city', 'identity', 'unit', 'created')],
  };

  beforeAll(async () => {
    server = await startServer({ config: NATS_AUTH_CONF, passwords: serverPasswords });
    identity = await login('identity');
    gateway = await login('gateway');
    dongbao = await login('integrator-dongbao');
    duodao = await login('integrator-duodao');
    // identity as NatsTransport serves it: every rpc.identity.> subject, in queue group "identity".
    identity.nc.subscribe(ns.subject('rpc.identity.>'), {
      queue: 'identity',
      callback: (_err, msg: Msg) => {
        served.push({ subject: msg.subject, reply: msg.reply, body: msg.string() });
        msg.respond(enc({ ok: true, data: { subject: msg.subject } }));
      },
    });
    await identity.nc.flush();
  }, 30_000);

  afterAll(async () => {
    for (const c of clients) await c.nc.close().catch(() => undefined);
    await server?.stop();
  });

  it('lets no one in without the password; a bcrypt hash works like a plain one; connectNats wants both halves', async () => {
    await expect(connect({ servers: server.url, reconnect: false })).rejects.toBeInstanceOf(errors.AuthorizationError);
    await expect(connect({ servers: server.url, user: 'gateway', pass: 'wrong', reconnect: false })).rejects.toBeInstanceOf(errors.AuthorizationError);
    await expect(login('admin', BCRYPT.password)).resolves.toBeInstanceOf(Client);
    await expect(connectNats(server.url, 'spec', { user: 'gateway' })).rejects.toThrow(new ConfigError('NATS_PASSWORD', 'is required when NATS_USER is set'));
    await expect(connectNats(server.url, 'spec', { password: 'x' })).rejects.toThrow(new ConfigError('NATS_USER', 'is required when NATS_PASSWORD is set'));
  });

  it('identity creates the streams, publishes its events and dead letters, and consumes with a durable consumer, as the platform does', async () => {
    await ensureStreams(identity.nc, ns);
    await ensureStreams(identity.nc, ns); // the second start: info and update
    const jsm = await jetstreamManager(identity.nc);
    expect((await jsm.streams.info(EVENTS_STREAM)).config.subjects).toEqual(['evt.>']);
    expect((await jsm.streams.info(DLQ_STREAM)).config.subjects).toEqual(['dlq.>']);

    // As the outbox relay publishes: JetStream publish with the message id and CloudEvents headers.
    const js = jetstream(identity.nc);
    for (const e of [...events.dongbao, ...events.duodao, ...events.city]) {
      await js.publish(e.subject, enc({ n: 1 }), { msgID: e.event.id, headers: toCloudEventHeaders(e.event) });
    }
    // The relay's check after a publish without an ack: the last message stored on the subject.
    const last = await jsm.streams.getMessage(EVENTS_STREAM, { last_by_subj: events.city[0]!.subject });
    expect(last?.header.get('Nats-Msg-Id')).toBe(events.city[0]!.event.id);

    // An @EventPattern handler's consumer: every county's steward.enrolled, plus one malformed
    // message that goes to the dead letters (dlq.<durable>).
    const type = eventType('identity', 'steward', 'enrolled');
    const durable = NatsTransport.durableName('identity', type);
    const admin = await login('admin', BCRYPT.password);
    const deadLetters = admin.nc.subscribe(`dlq.${durable}`, { max: 1, timeout: 10_000 });
    await admin.nc.flush();
    await js.publish(eventSubject('dongbao', 'identity', 'steward', 'enrolled'), enc({ broken: true }), { msgID: randomUUID() });
    const received: DomainEvent[] = [];
    let allReceived!: () => void;
    const done = new Promise<void>((r) => (allReceived = r));
    const consumer = new EventConsumer(identity.nc, ns, { durable, filterSubject: eventFilterForType(type), maxDeliver: 2 }, async (event) => {
      received.push(event);
      if (received.length === 2) allReceived();
    }, logger);
    await consumer.start();
    try {
      await done;
      for await (const m of deadLetters) expect(m.headers?.get('gov-dlq-reason')).toBe('malformed');
      expect(received.map((e) => e.county).sort()).toEqual(['dongbao', 'duodao']);
      // Acked: nothing left for the consumer (the ack of the last one may still be on its way).
      const c = await jetstream(identity.nc).consumers.get(EVENTS_STREAM, durable);
      for (const deadline = Date.now() + 5000; (await c.info()).num_ack_pending > 0; ) if (Date.now() > deadline) throw new Error('acks did not arrive');
    } finally {
      await consumer.stop();
    }
    expect(identity.violations).toEqual([]);
  });

  it('lets the gateway call identity on rpc.identity.*, answered by identity, replies on the gateway’s own inbox', async () => {
    for (const subject of [IdentityRpc.jwks, 'rpc.identity.person.get']) {
      const reply = await gateway.nc.request(subject, enc({}), { timeout: 5000 });
      expect(reply.json()).toEqual({ ok: true, data: { subject } });
      expect(served.find((s) => s.subject === subject)?.reply).toMatch(/^_INBOX\.gateway\./);
    }
    expect(gateway.violations).toEqual([]);
    expect(identity.violations).toEqual([]);
  });

  it('keeps the gateway from serving rpc subjects, publishing events or reading others’ inboxes', async () => {
    await gateway.refusedSubscription('rpc.identity.>', 'identity');
    await gateway.refusedSubscription('_INBOX.>');
    await gateway.refusedSubscription('evt.>');
    gateway.nc.publish('evt.dongbao.identity.steward.enrolled.v1', enc({ forged: true }));
    await gateway.violation('publish', 'evt.dongbao.identity.steward.enrolled.v1');
  });

  it('keeps a service to its own rpc.<service>.> and its own events', async () => {
    for (const subject of ['rpc.grids.>', 'rpc.>', 'rpc.*.person.get', 'rpc.gateway.>']) await identity.refusedSubscription(subject, 'identity');
    await identity.refusedSubscription('_INBOX.gateway.>');
    identity.nc.publish('evt.dongbao.grids.grid.created.v1', enc({}));
    await identity.violation('publish', 'evt.dongbao.grids.grid.created.v1');
    // Services call identity's JWKS, nothing else of another service unless their block says so.
    const reply = await identity.nc.request(IdentityRpc.jwks, enc({}), { timeout: 5000 });
    expect(reply.json()).toMatchObject({ ok: true });
  });

  it('refuses an integrator every publish on rpc.>', async () => {
    const refusal = await requestRefusal(dongbao.nc.request(IdentityRpc.jwks, enc({}), { timeout: 5000 }));
    expect(refusal).toMatchObject({ operation: 'publish', subject: IdentityRpc.jwks });
    expect(refusal.message).toBe(`Permissions Violation for Publish to "${IdentityRpc.jwks}"`);

    const before = served.length;
    dongbao.nc.publish('rpc.identity.person.create', enc({ name: 'forged' }));
    await dongbao.violation('publish', 'rpc.identity.person.create');
    // Refused before routing: a later call from the gateway reaches identity, the integrator's did not.
    await gateway.nc.request('rpc.identity.person.get', enc({}), { timeout: 5000 });
    expect(served.slice(before).map((s) => s.subject)).toEqual(['rpc.identity.person.get']);
  });

  it('lets an integrator read its county’s events through its durable consumer, and acks them', async () => {
    const earlier = dongbao.violations.length;
    const jsm = await jetstreamManager(dongbao.nc);
    await jsm.consumers.add(EVENTS_STREAM, { durable_name: 'integrator-dongbao', filter_subject: 'evt.dongbao.>', ack_policy: AckPolicy.Explicit });
    const consumer = await jetstream(dongbao.nc).consumers.get(EVENTS_STREAM, 'integrator-dongbao');
    const subjects: string[] = [];
    // The two dongbao events and the malformed dongbao message; nothing of duodao or the city.
    for (let i = 0; i < 3; i++) {
      const m = await consumer.next({ expires: 5000 });
      if (!m) throw new Error(`message ${i + 1} of 3 did not arrive`);
      subjects.push(m.subject);
      await m.ackAck();
    }
    expect(subjects.every((s) => s.startsWith('evt.dongbao.'))).toBe(true);
    expect(subjects).toEqual(expect.arrayContaining(events.dongbao.map((e) => e.subject)));
    const info = await consumer.info();
    expect(info).toMatchObject({ num_pending: 0, num_ack_pending: 0 });

    // Live, without JetStream: a plain subscription to its county.
    const live = dongbao.nc.subscribe('evt.dongbao.>', { max: 1, timeout: 5000 });
    await dongbao.nc.flush();
    const next = publishedEvent('dongbao', 'identity', 'steward', 'enrolled');
    await jetstream(identity.nc).publish(next.subject, enc({}), { msgID: next.event.id, headers: toCloudEventHeaders(next.event) });
    for await (const m of live) expect(m.subject).toBe(next.subject);
    expect(dongbao.violations.slice(earlier)).toEqual([]);
  });

  it('keeps an integrator from another county’s events, other consumers and others’ inboxes', async () => {
    // Plain subscriptions.
    await dongbao.refusedSubscription('evt.duodao.>');
    await dongbao.refusedSubscription('evt.>');
    await dongbao.refusedSubscription('evt.*.identity.>');
    await dongbao.refusedSubscription('_INBOX.>');
    await dongbao.refusedSubscription('_INBOX.gateway.>');

    // A consumer on another county's filter, another's name, or no filter at all.
    const jsm = await jetstreamManager(dongbao.nc);
    const create = (config: { durable_name: string; filter_subject?: string }) => jsm.consumers.add(EVENTS_STREAM, { ...config, ack_policy: AckPolicy.Explicit });
    expect(await requestRefusal(create({ durable_name: 'integrator-dongbao', filter_subject: 'evt.duodao.>' }))).toMatchObject({
      subject: `$JS.API.CONSUMER.CREATE.${EVENTS_STREAM}.integrator-dongbao.evt.duodao.>`,
    });
    await requestRefusal(create({ durable_name: 'integrator-dongbao', filter_subject: 'evt.>' }));
    await requestRefusal(create({ durable_name: 'integrator-dongbao' }));
    await requestRefusal(create({ durable_name: 'integrator-duodao', filter_subject: 'evt.duodao.>' }));
    // The subject names its county, the body another: JetStream itself refuses the mismatch.
    const mismatch = await dongbao.nc.request(
      `$JS.API.CONSUMER.CREATE.${EVENTS_STREAM}.integrator-dongbao.evt.dongbao.>`,
      enc({ stream_name: EVENTS_STREAM, config: { durable_name: 'integrator-dongbao', name: 'integrator-dongbao', filter_subject: 'evt.duodao.>', ack_policy: 'explicit' } }),
      { timeout: 5000 },
    );
    expect(mismatch.json()).toMatchObject({ error: { err_code: 10131 } });

    // Duodao's own consumer, which dongbao may neither inspect nor pull from; nor from a service's.
    await (await jetstreamManager(duodao.nc)).consumers.add(EVENTS_STREAM, { durable_name: 'integrator-duodao', filter_subject: 'evt.duodao.>', ack_policy: AckPolicy.Explicit });
    await requestRefusal(jetstream(dongbao.nc).consumers.get(EVENTS_STREAM, 'integrator-duodao'));
    for (const name of ['integrator-duodao', NatsTransport.durableName('identity', eventType('identity', 'steward', 'enrolled'))]) {
      await requestRefusal(dongbao.nc.request(`$JS.API.CONSUMER.MSG.NEXT.${EVENTS_STREAM}.${name}`, enc({ batch: 1, expires: 1_000_000_000 }), { timeout: 5000 }));
    }
    // Nor change the streams.
    await requestRefusal(jsm.streams.update(EVENTS_STREAM, { subjects: ['evt.>', 'rpc.>'] }));
    await requestRefusal(jsm.streams.delete(EVENTS_STREAM));
  });
});

describe('a service added by the generator (deploy/nats/auth.conf with its block)', () => {
  const conf = tempConfig(addNatsService(AUTH_CONF, 'surveys'));
  const users = natsUsers(fs.readFileSync(conf, 'utf8')) as NatsUser[];
  const passwords = Object.fromEntries(users.map((u) => [u.user, randomBytes(12).toString('hex')]));
  const clients: Client[] = [];
  let server: Server;
  const login = async (user: string) => {
    const c = new Client(user, await connectNats(server.url, `spec-${user}`, { user, password: passwords[user] }));
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    server = await startServer({ config: conf, users, passwords });
  }, 30_000);

  afterAll(async () => {
    for (const c of clients) await c.nc.close().catch(() => undefined);
    await server?.stop();
    fs.rmSync(path.dirname(conf), { recursive: true, force: true });
  });

  it('serves its own rpc.surveys.>, not identity’s, and identity not its', async () => {
    const [surveys, identity, gateway] = [await login('surveys'), await login('identity'), await login('gateway')];
    surveys.nc.subscribe('rpc.surveys.>', { queue: 'surveys', callback: (_e, m: Msg) => void m.respond(enc({ ok: true, data: 'surveys' })) });
    identity.nc.subscribe('rpc.identity.>', { queue: 'identity', callback: (_e, m: Msg) => void m.respond(enc({ ok: true, data: 'identity' })) });
    await Promise.all([surveys.nc.flush(), identity.nc.flush()]);

    await surveys.refusedSubscription('rpc.identity.>', 'identity');
    await identity.refusedSubscription('rpc.surveys.>', 'surveys');
    expect((await gateway.nc.request('rpc.surveys.grid.get', enc({}), { timeout: 5000 })).json()).toEqual({ ok: true, data: 'surveys' });
    // A service may fetch identity's JWKS, but call nothing else of identity's unless its block says so.
    expect((await surveys.nc.request(IdentityRpc.jwks, enc({}), { timeout: 5000 })).json()).toEqual({ ok: true, data: 'identity' });
    await requestRefusal(surveys.nc.request('rpc.identity.person.get', enc({}), { timeout: 5000 }));
    await ensureStreams(surveys.nc, new Namespace(''));
    expect(surveys.violations.map((v) => v.subject).sort()).toEqual(['rpc.identity.>', 'rpc.identity.person.get']);
  });
});

describe('deploy/nats/dev.conf, as tools/infra.mjs starts it', () => {
  const servers: Server[] = [];
  const clients: NatsConnection[] = [];
  afterAll(async () => {
    for (const nc of clients) await nc.close().catch(() => undefined);
    for (const s of servers) await s.stop();
  });

  it('takes anonymous clients as the admin and exports the users’ development passwords', async () => {
    const dev = await startServer(); // natsServerCommand's defaults: dev.conf, devNatsPasswords()
    servers.push(dev);
    // The test suites and tools connect without credentials, with their own subject prefix.
    const anonymous = await connect({ servers: dev.url, reconnect: false });
    clients.push(anonymous);
    await ensureStreams(anonymous, new Namespace('tspec'));
    anonymous.subscribe('tspec.rpc.identity.>', { callback: (_e, m: Msg) => void m.respond('ok') });
    expect((await anonymous.request('tspec.rpc.identity.access.jwks', '', { timeout: 5000 })).string()).toBe('ok');

    const credentials = await detectNatsCredentials(dev.url);
    expect(credentials).toEqual(devNatsPasswords());
    for (const [user, password] of Object.entries(credentials!)) {
      const nc = await connectNats(dev.url, `spec-${user}`, { user, password });
      clients.push(nc);
    }
    // Users keep their permissions on the development server.
    const gateway = new Client('gateway', await connectNats(dev.url, 'spec-gateway', { user: 'gateway', password: credentials!.gateway }));
    clients.push(gateway.nc);
    gateway.nc.publish('evt.dongbao.identity.steward.enrolled.v1', '');
    await gateway.violation('publish', 'evt.dongbao.identity.steward.enrolled.v1');
  });

  it('exports nothing for a NATS without users, and says so for one whose passwords are others', async () => {
    const empty = tempConfig('# no users\n');
    const plain = await startServer({ config: empty, users: [] });
    servers.push(plain);
    fs.rmSync(path.dirname(empty), { recursive: true, force: true });
    expect(await detectNatsCredentials(plain.url)).toBeUndefined();
    const other = await startServer({ config: NATS_AUTH_CONF, passwords: Object.fromEntries((natsUsers() as NatsUser[]).map((u) => [u.user, randomBytes(8).toString('hex')])) });
    servers.push(other);
    expect(await detectNatsCredentials(other.url)).toBeNull();
  });
});
