// The NATS users and permissions of deploy/nats (README there) against a real nats-server that
// this suite starts on a free port with a temporary JetStream store: each user tries what it may
// and may not do, through the platform's own connectNats, ensureStreams and EventConsumer where
// the services do the same. Needs the nats-server binary (Debian's 2.9 or newer); the shared NATS
// of the other suites is not touched.
import { IdentityRpc } from '@gov/identity-contracts';
import { DLQ_STREAM, EVENTS_STREAM, eventFilterForType, eventSubject, eventType, type DomainEvent } from '@gov/kernel';
import { ConfigError } from '@gov/platform-config';
import { personalFieldsByType, publicSubject, toPublicEvent } from '@gov/integrations-domain';
import { connectNats, ensurePublicStream, ensureStreams, EventConsumer, Namespace, NatsTransport, PUBLIC_STREAM, toCloudEventHeaders } from '@gov/platform-messaging';
import { createLogger } from '@gov/platform-observability';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
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
  // Integrations republishes every event for integrators on GOV_PUBLIC (docs/adr/0012), a stream it creates at start.
  integrations: ['pub.>', '$JS.API.STREAM.INFO.GOV_PUBLIC', '$JS.API.STREAM.CREATE.GOV_PUBLIC', '$JS.API.STREAM.UPDATE.GOV_PUBLIC'],
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

/** A JetStream timestamp as RFC 3339 with its nanoseconds, for `opt_start_time`. */
const TIMESTAMP_ROUNDING_NS = 1_000n;

function rfc3339Nanos(nanos: bigint): string {
  const iso = new Date(Number(nanos / 1_000_000n)).toISOString();
  return `${iso.slice(0, 19)}.${String(nanos % 1_000_000_000n).padStart(9, '0')}Z`;
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

  it('lets the gateway follow the events its GraphQL subscriptions push, and no others', async () => {
    const petitions = await login('petitions');
    const received: string[] = [];
    gateway.nc.subscribe('evt.*.petitions.petition.>', { callback: (_err, msg) => void received.push(msg.subject) });
    await gateway.nc.flush();
    petitions.nc.publish('evt.dongbao.petitions.petition.screened.v1', enc({}));
    await petitions.nc.flush();
    await gateway.nc.flush();
    expect(received).toEqual(['evt.dongbao.petitions.petition.screened.v1']);
    for (const subject of ['evt.*.petitions.>', 'evt.*.identity.person.>', 'evt.dongbao.grids.>']) await gateway.refusedSubscription(subject);
    const followed = ['evt.*.tasks.task.>', 'evt.*.tasks.points.>', 'evt.*.identity.role.>'];
    for (const subject of followed) gateway.nc.subscribe(subject, { callback: () => {} });
    await gateway.nc.flush();
    expect(gateway.violations.filter((v) => followed.includes(v.subject))).toEqual([]);
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

  it('lets the integrations service republish every event on GOV_PUBLIC under pub.<county>., as its public stream does', async () => {
    const integrations = await login('integrations');
    await ensurePublicStream(integrations.nc, ns);
    await ensurePublicStream(integrations.nc, ns); // the second start: info and update
    const jsm = await jetstreamManager(integrations.nc);
    expect((await jsm.streams.info(PUBLIC_STREAM)).config.subjects).toEqual(['pub.>']);
    // As apps/integrations' PublicStreamConsumer: every internal event (evt.>), one at a time,
    // published without personal data and acked once GOV_PUBLIC stored it.
    const catalogue = personalFieldsByType();
    const js = jetstream(integrations.nc);
    const consumer = new EventConsumer(integrations.nc, ns, { durable: 'integrations__public-stream', filterSubject: 'evt.>', maxAckPending: 1, maxDeliver: 2 }, async (event) => {
      const pub = toPublicEvent(event, catalogue);
      const subject = pub && publicSubject(pub);
      if (!pub || !subject) return;
      const { data, ...attributes } = pub;
      await js.publish(subject, enc(data), { msgID: pub.id, headers: toCloudEventHeaders(attributes), expect: { streamName: PUBLIC_STREAM } });
    }, logger);
    await consumer.start();
    try {
      // The four well-formed events the identity test published (the malformed one went to the dead letters).
      const expected = [...events.dongbao, ...events.duodao, ...events.city];
      for (const deadline = Date.now() + 10_000; (await jsm.streams.info(PUBLIC_STREAM)).state.messages < expected.length; ) if (Date.now() > deadline) throw new Error('GOV_PUBLIC did not fill');
      // Read back as the admin: the service itself never reads GOV_PUBLIC.
      const admin = await jetstreamManager((await login('admin', BCRYPT.password)).nc);
      const stored = [];
      for (let seq = 1; seq <= expected.length; seq++) stored.push(await admin.streams.getMessage(PUBLIC_STREAM, { seq }));
      expect(stored.map((m) => m?.subject)).toEqual(expected.map((e) => e.subject.replace(/^evt\./, 'pub.')));
      expect(stored.map((m) => m?.header.get('ce-id'))).toEqual(expected.map((e) => e.event.id));
    } finally {
      await consumer.stop();
    }
    expect(integrations.violations).toEqual([]);
  });

  it('lets an integrator read its county’s public events through its consumer, replay them from a sequence number or a time, and follow them live', async () => {
    const earlier = dongbao.violations.length;
    const jsm = await jetstreamManager(dongbao.nc);
    expect((await jsm.streams.info(PUBLIC_STREAM)).state.messages).toBeGreaterThanOrEqual(4);
    await jsm.consumers.add(PUBLIC_STREAM, { durable_name: 'integrator-dongbao', filter_subject: 'pub.dongbao.>', ack_policy: AckPolicy.Explicit });
    const consumer = await jetstream(dongbao.nc).consumers.get(PUBLIC_STREAM, 'integrator-dongbao');
    const read: { subject: string; seq: number; nanos: bigint }[] = [];
    // The two dongbao events; nothing of duodao or the city.
    for (let i = 0; i < 2; i++) {
      const m = await consumer.next({ expires: 5000 });
      if (!m) throw new Error(`message ${i + 1} of 2 did not arrive`);
      read.push({ subject: m.subject, seq: m.seq, nanos: BigInt(m.info.timestampNanos) });
      await m.ackAck();
    }
    expect(read.map((m) => m.subject)).toEqual(events.dongbao.map((e) => e.subject.replace(/^evt\./, 'pub.')));
    expect(await consumer.info()).toMatchObject({ num_pending: 0, num_ack_pending: 0 });

    // Replay, with a second consumer of its own: from the second event's sequence number, then from its time.
    const replayFrom = async (start: { deliver_policy: DeliverPolicy; opt_start_seq?: number; opt_start_time?: string }) => {
      await jsm.consumers.delete(PUBLIC_STREAM, 'integrator-dongbao-replay').catch(() => false);
      await jsm.consumers.add(PUBLIC_STREAM, { durable_name: 'integrator-dongbao-replay', filter_subject: 'pub.dongbao.>', ack_policy: AckPolicy.Explicit, ...start });
      const m = await (await jetstream(dongbao.nc).consumers.get(PUBLIC_STREAM, 'integrator-dongbao-replay')).next({ expires: 5000 });
      await m?.ackAck();
      return m?.subject;
    };
    expect(await replayFrom({ deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: read[1]!.seq })).toBe(read[1]!.subject);
    // timestampNanos arrives as a JavaScript number, so its last digits are rounded (up, sometimes):
    // start a microsecond early, still long after the first event.
    expect(await replayFrom({ deliver_policy: DeliverPolicy.StartTime, opt_start_time: rfc3339Nanos(read[1]!.nanos - TIMESTAMP_ROUNDING_NS) })).toBe(read[1]!.subject);

    // Live, without JetStream: a plain subscription to its county's public subjects.
    const live = dongbao.nc.subscribe('pub.dongbao.>', { max: 1, timeout: 5000 });
    await dongbao.nc.flush();
    const admin = await login('admin', BCRYPT.password);
    admin.nc.publish('pub.dongbao.identity.steward.enrolled.v1', enc({}));
    for await (const m of live) expect(m.subject).toBe('pub.dongbao.identity.steward.enrolled.v1');
    expect(dongbao.violations.slice(earlier)).toEqual([]);
  });

  it('keeps an integrator from another county’s events, from GOV_EVENTS, other consumers and others’ inboxes', async () => {
    // Plain subscriptions: another county, every county, the internal events.
    for (const subject of ['pub.duodao.>', 'pub.>', 'pub.*.identity.>', 'evt.dongbao.>', 'evt.>', '_INBOX.>', '_INBOX.gateway.>']) await dongbao.refusedSubscription(subject);

    // A consumer on another county's filter, another's name, another name of its own choosing, or no filter at all.
    const jsm = await jetstreamManager(dongbao.nc);
    const create = (config: { durable_name: string; filter_subject?: string }, stream = PUBLIC_STREAM) => jsm.consumers.add(stream, { ...config, ack_policy: AckPolicy.Explicit });
    expect(await requestRefusal(create({ durable_name: 'integrator-dongbao', filter_subject: 'pub.duodao.>' }))).toMatchObject({
      subject: `$JS.API.CONSUMER.CREATE.${PUBLIC_STREAM}.integrator-dongbao.pub.duodao.>`,
    });
    await requestRefusal(create({ durable_name: 'integrator-dongbao-replay', filter_subject: 'pub.duodao.>' }));
    await requestRefusal(create({ durable_name: 'integrator-dongbao', filter_subject: 'pub.>' }));
    await requestRefusal(create({ durable_name: 'integrator-dongbao' }));
    await requestRefusal(create({ durable_name: 'integrator-duodao', filter_subject: 'pub.duodao.>' }));
    await requestRefusal(create({ durable_name: 'reader', filter_subject: 'pub.dongbao.>' }));
    // The internal stream, even for its own county.
    expect(await requestRefusal(create({ durable_name: 'integrator-dongbao', filter_subject: 'evt.dongbao.>' }, EVENTS_STREAM))).toMatchObject({
      subject: `$JS.API.CONSUMER.CREATE.${EVENTS_STREAM}.integrator-dongbao.evt.dongbao.>`,
    });
    await requestRefusal(jsm.streams.info(EVENTS_STREAM));
    // The subject names its county, the body another: JetStream itself refuses the mismatch.
    const mismatch = await dongbao.nc.request(
      `$JS.API.CONSUMER.CREATE.${PUBLIC_STREAM}.integrator-dongbao.pub.dongbao.>`,
      enc({ stream_name: PUBLIC_STREAM, config: { durable_name: 'integrator-dongbao', name: 'integrator-dongbao', filter_subject: 'pub.duodao.>', ack_policy: 'explicit' } }),
      { timeout: 5000 },
    );
    expect(mismatch.json()).toMatchObject({ error: { err_code: 10131 } });

    // Duodao's own consumer, which dongbao may neither inspect nor pull from; nor from a service's, nor the integrations service's.
    await (await jetstreamManager(duodao.nc)).consumers.add(PUBLIC_STREAM, { durable_name: 'integrator-duodao', filter_subject: 'pub.duodao.>', ack_policy: AckPolicy.Explicit });
    await requestRefusal(jetstream(dongbao.nc).consumers.get(PUBLIC_STREAM, 'integrator-duodao'));
    await requestRefusal(dongbao.nc.request(`$JS.API.CONSUMER.MSG.NEXT.${PUBLIC_STREAM}.integrator-duodao`, enc({ batch: 1, expires: 1_000_000_000 }), { timeout: 5000 }));
    for (const name of ['integrations__public-stream', NatsTransport.durableName('identity', eventType('identity', 'steward', 'enrolled'))]) {
      await requestRefusal(dongbao.nc.request(`$JS.API.CONSUMER.MSG.NEXT.${EVENTS_STREAM}.${name}`, enc({ batch: 1, expires: 1_000_000_000 }), { timeout: 5000 }));
    }
    // Nor publish on the public stream, nor change the streams.
    dongbao.nc.publish('pub.dongbao.identity.steward.enrolled.v1', enc({ forged: true }));
    await dongbao.violation('publish', 'pub.dongbao.identity.steward.enrolled.v1');
    await requestRefusal(jsm.streams.update(PUBLIC_STREAM, { subjects: ['pub.>', 'rpc.>'] }));
    await requestRefusal(jsm.streams.delete(PUBLIC_STREAM));
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
