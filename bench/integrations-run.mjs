#!/usr/bin/env node
// `npm run bench:integrations`: how soon integrators and live frontends hear of a change (issue 12).
// See bench/README.md, "Integrations benchmark".
//
// Builds identity, petitions, integrations and the gateway, starts them from their builds on a
// schema and subject prefix of their own, creates a city admin, and gives petitions two counties'
// grids and categories (bench/petitions-generate.mjs, a small dataset). It starts a webhook receiver
// (node:http, this process), registers it through GraphQL for every petitions event of the city,
// and measures, at BENCH_EVENT_RATE events per second (100) for BENCH_EVENT_SECONDS (20):
//   1. submit  hotline petitions typed in by the admin (submitPetition): the time from each event's
//              commit (its CloudEvents `time`, the transaction's timestamp) to the receiver;
//   2. screen  those petitions screened valid (screenPetition), while a graphql-ws client holds a
//              petitionUpdated(id) subscription for every one of them: the time to the receiver as
//              above, and to the subscription client from the moment the screening was sent (an
//              upper bound: the commit comes later).
// Every webhook body's signature is checked, and every event must arrive exactly once. It prints
// p50/p95/p99/max per path, the targets (p99 <= 200 ms) as PASS/MISS, CPU per process, writes
// bench/results/integrations-<timestamp>.json and removes its schemas and streams.
//
// Settings (environment): BENCH_EVENT_RATE (100), BENCH_EVENT_SECONDS (20), BENCH_SKIP_BUILD,
// BENCH_NODE_OPTIONS (NODE_OPTIONS of the services; default tools/node-options.mjs).
import { spawnSync } from 'node:child_process';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { generatePetitionsData } from './petitions-generate.mjs';
import { CITY } from './tasks-generate.mjs';
import { ROOT, Sampler, describeMachine, freePort, round, serviceEnvs, serviceReady, sleep, startService, startServices, vmHwmMb } from './procs.mjs';
import { LOGIN_MUTATION, SERVICE_OPTIONS, assertRunning, connectInfra, envNumber as num, graphqlClient, missingBuilds, newRun, pad, lpad, printProcessTable, reportHead, runMain, seedAdmin, writeResults } from './runner.mjs';

const RATE = num('BENCH_EVENT_RATE', 100);
const SECONDS = num('BENCH_EVENT_SECONDS', 20);
const SKIP_BUILD = ['1', 'true', 'yes'].includes(String(process.env.BENCH_SKIP_BUILD ?? '').toLowerCase());
const TARGET_P99_MS = 200;
/** Petitions the dataset generator writes: enough for grids and categories, not a statistics load. */
const DATASET_PETITIONS = 2000;
/** How long to wait for the last deliveries after the last change. */
const DRAIN_MS = 60_000;
const MAX_IN_FLIGHT = 64;
/** Subscriptions opened at once before the screenings. */
const SUBSCRIBE_WAVE = 200;

const run = newRun({ name: 'bench:integrations', files: 'integrations-' });
const { log } = run;
run.petitionsSchema = `${run.schema}_petitions`;
run.integrationsSchema = `${run.schema}_integrations`;
run.schemas.push(run.petitionsSchema, run.integrationsSchema);
const { gql } = graphqlClient({ timeoutMs: 60_000 });

const SUBMIT = 'mutation($input: SubmitPetitionInput!){ submitPetition(input:$input){ petition { trackingCode } } }';
const SCREEN = 'mutation($input: ScreenPetitionInput!){ screenPetition(input:$input){ id state } }';
const CREATE_WEBHOOK = 'mutation($input: CreateWebhookInput!){ createWebhook(input:$input){ secret webhook { id } } }';
const WATCH = 'subscription($id: ID!){ petitionUpdated(id:$id){ id state } }';

function build() {
  const needed = ['identity', 'petitions', 'integrations', 'gateway'].flatMap((a) => [`apps/${a}/dist/main.js`]);
  if (SKIP_BUILD) {
    const missing = missingBuilds(needed);
    if (missing.length) throw new Error(`BENCH_SKIP_BUILD is set but ${missing.join(', ')} are missing`);
    return;
  }
  const args = ['nx', 'run-many', '-t', 'build', '--projects=@gov/identity,@gov/petitions,@gov/integrations,@gov/gateway', '--outputStyle=static'];
  log(`building: npx ${args.join(' ')}`);
  const r = spawnSync('npx', args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`build failed (exit ${r.status ?? r.signal}):\n${(r.stdout + r.stderr).trim().slice(-3000)}`);
}

const quantile = (sorted, q) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : undefined);
function summary(ms) {
  const s = [...ms].sort((a, b) => a - b);
  return { n: s.length, p50: round(quantile(s, 0.5) ?? 0, 1), p95: round(quantile(s, 0.95) ?? 0, 1), p99: round(quantile(s, 0.99) ?? 0, 1), max: round(s.at(-1) ?? 0, 1) };
}

/** Runs `fn(i)` for i < count at `rate` per second on an absolute schedule; at most MAX_IN_FLIGHT at once. */
async function paced(count, rate, fn) {
  const started = performance.now();
  const inFlight = new Set();
  const failures = [];
  let late = 0;
  for (let i = 0; i < count; i++) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    else if (wait < -50) late++;
    while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    const p = fn(i)
      .catch((err) => failures.push(err))
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  if (failures.length) throw new Error(`${failures.length} of ${count} requests failed; the first: ${failures[0].message}`);
  return { seconds: (performance.now() - started) / 1000, late };
}

/** The receiver: checks each delivery's signature and records when each event arrived. */
function startReceiver(port) {
  const state = { secret: '', arrivals: new Map(), duplicates: 0, badSignatures: 0 };
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      const body = Buffer.concat(chunks).toString('utf8');
      const ts = String(req.headers['gov-webhook-timestamp'] ?? '');
      const given = String(req.headers['gov-webhook-signature'] ?? '').replace(/^v1=/, '');
      const expected = createHmac('sha256', state.secret).update(`${ts}.${body}`).digest('hex');
      if (given.length !== expected.length || !timingSafeEqual(Buffer.from(given), Buffer.from(expected))) state.badSignatures++;
      const event = JSON.parse(body);
      if (state.arrivals.has(event.id)) state.duplicates++;
      else state.arrivals.set(event.id, { type: event.type, subject: event.subject, ms: at - Date.parse(event.time) });
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ server, state })));
}

async function waitFor(what, done, timeoutMs = DRAIN_MS) {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`${what}: not done after ${timeoutMs / 1000} s`);
    await sleep(50);
  }
}

async function main() {
  const count = Math.round(RATE * SECONDS);
  const machine = await describeMachine({ connections: MAX_IN_FLIGHT, warmup: 0, duration: SECONDS, nodeOptions: SERVICE_OPTIONS });
  build();
  const db = await connectInfra(run);

  const envs = serviceEnvs({ run, nodeOptions: SERVICE_OPTIONS });
  const pii = { PII_KEYS: `p1:${randomBytes(32).toString('base64')}`, PII_ACTIVE_KEY_ID: 'p1', PII_HMAC_KEY: randomBytes(32).toString('base64') };
  const petitionsEnvs = { ...envs, withSchema: (schema) => ({ ...envs.withSchema(schema), ...pii, CLOCK_SWEEP_MS: '3600000' }) };
  const ports = { identity: await freePort(), petitions: await freePort(), gateway: await freePort(), integrations: await freePort(), receiver: await freePort() };
  const profileArgs = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const integrations = startService(run, { name: 'integrations', env: { ...envs.withSchema(run.integrationsSchema), ...pii }, port: ports.integrations, nodeArgs: profileArgs, note: `schema ${run.integrationsSchema}` });
  const { identity, petitions, gateway, readyRss } = await startServices(run, { envs: petitionsEnvs, ports, name: 'petitions', schema: run.petitionsSchema });
  readyRss.integrations = await serviceReady(integrations);
  const gw = gateway.url;

  const admin = await seedAdmin(run, { env: envs.identity, region: CITY, timeoutMs: 90_000 });
  const token = (await gql(gw, LOGIN_MUTATION, { l: admin.username, p: admin.password })).login.accessToken;
  const auth = { authorization: `Bearer ${token}` };
  const dataset = await generatePetitionsData(db, { schema: run.petitionsSchema, seed: 20261203, petitions: DATASET_PETITIONS, until: run.startedAt, log });
  const grids = Object.values(dataset.grids).flatMap((g) => g.slice(0, 50));
  const categories = (await db.query(`select key from "${run.petitionsSchema}".category where current and not retired and key like '%.%' order by key limit 5`)).rows.map((r) => r.key);

  const receiver = await startReceiver(ports.receiver);
  const hook = await gql(gw, CREATE_WEBHOOK, { input: { name: '12345 热线（压测）', url: `http://127.0.0.1:${ports.receiver}/events`, region: CITY, eventTypes: ['gov.petitions.*'] } }, token);
  receiver.state.secret = hook.createWebhook.secret;
  log(`webhook ${hook.createWebhook.webhook.id} → receiver on :${ports.receiver}`);

  const procs = { identity: identity.pid, petitions: petitions.pid, integrations: integrations.pid, gateway: gateway.pid, 'load generator': process.pid };
  const sampler = new Sampler(procs, 200);
  sampler.start();
  const phaseStats = [];

  // --- 1. submissions
  log(`submitting ${count} petitions at ${RATE}/s`);
  const codes = [];
  sampler.begin('submit');
  const submitRun = await paced(count, RATE, async (i) => {
    const input = { channel: 'hotline', category: categories[i % categories.length], description: `压测 ${i}：楼道灯坏了，请尽快修复。`, region: grids[(i * 7) % grids.length], contact: { name: '张秀英', phone: `139${String(i).padStart(8, '0')}` } };
    codes[i] = (await gql(gw, SUBMIT, { input }, token)).submitPetition.petition.trackingCode;
  });
  // The resident's answer carries the tracking code only; staff screen by id.
  const byCode = new Map((await db.query(`select id, tracking_code from "${run.petitionsSchema}".petition where tracking_code = any($1)`, [codes])).rows.map((r) => [r.tracking_code, r.id]));
  const ids = codes.map((c) => byCode.get(c));
  if (ids.some((id) => !id)) throw new Error('some submitted petitions were not found by their tracking codes');
  const submitted = () => [...receiver.state.arrivals.values()].filter((a) => a.type === 'gov.petitions.petition.submitted.v1');
  await waitFor('webhook deliveries of the submissions', () => submitted().length >= count);
  phaseStats.push(sampler.end());

  // --- 2. screenings, watched by a subscription per petition
  const ws = createClient({ url: `${gw.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: auth, lazy: false, retryAttempts: 0 });
  const sent = new Map();
  const pushed = new Map();
  let initial = 0;
  const subscriptionErrors = [];
  const subscribe = (id) =>
    ws.subscribe(
      { query: WATCH, variables: { id } },
      {
        next: ({ data, errors }) => {
          if (errors) subscriptionErrors.push(errors[0]?.message);
          const p = data?.petitionUpdated;
          if (!p) return;
          if (p.state === 'submitted') initial++;
          else if (!pushed.has(p.id) && sent.has(p.id)) pushed.set(p.id, performance.now() - sent.get(p.id));
        },
        error: (e) => subscriptionErrors.push(String(e?.message ?? e)),
        complete: () => {},
      },
    );
  // Opened in waves, each waiting for its first views: 2,000 reads at once would time out on a busy
  // machine (that is set-up, not the measured path).
  const disposers = [];
  for (let i = 0; i < ids.length && !subscriptionErrors.length; i += SUBSCRIBE_WAVE) {
    disposers.push(...ids.slice(i, i + SUBSCRIBE_WAVE).map(subscribe));
    await waitFor(`${disposers.length} subscriptions' first views`, () => initial >= disposers.length || subscriptionErrors.length > 0, 120_000);
  }
  if (subscriptionErrors.length) throw new Error(`subscriptions failed: ${subscriptionErrors.slice(0, 3).join('; ')}`);
  log(`${count} subscriptions open on one graphql-ws connection; screening at ${RATE}/s`);
  sampler.begin('screen');
  const screenRun = await paced(count, RATE, async (i) => {
    sent.set(ids[i], performance.now());
    await gql(gw, SCREEN, { input: { id: ids[i], outcome: 'valid' } }, token);
  });
  const screened = () => [...receiver.state.arrivals.values()].filter((a) => a.type === 'gov.petitions.petition.screened.v1');
  await waitFor('webhook deliveries and pushes of the screenings', () => screened().length >= count && pushed.size >= count);
  phaseStats.push(sampler.end());
  sampler.stop();
  for (const dispose of disposers) dispose();
  await ws.dispose();
  receiver.server.close();
  assertRunning([identity, petitions, integrations, gateway]);

  const rows = {
    'submit → webhook': summary(submitted().map((a) => a.ms)),
    'screen → webhook': summary(screened().map((a) => a.ms)),
    'screen → subscription': summary([...pushed.values()]),
  };
  console.log(`\n${count} events per phase at ${RATE}/s (submissions took ${submitRun.seconds.toFixed(1)} s, ${submitRun.late} sent late; screenings ${screenRun.seconds.toFixed(1)} s, ${screenRun.late} late)`);
  console.log(`${pad('path', 26)}${lpad('events', 8)}${lpad('p50 ms', 9)}${lpad('p95 ms', 9)}${lpad('p99 ms', 9)}${lpad('max ms', 9)}`);
  for (const [name, r] of Object.entries(rows)) console.log(`${pad(name, 26)}${lpad(r.n, 8)}${lpad(r.p50, 9)}${lpad(r.p95, 9)}${lpad(r.p99, 9)}${lpad(r.max, 9)}`);
  console.log(`webhook: ${receiver.state.arrivals.size} events, ${receiver.state.duplicates} duplicates, ${receiver.state.badSignatures} bad signatures`);
  const hwm = vmHwmMb(procs);
  printProcessTable({ procs, phaseStats, phaseLabels: ['submit', 'screen'], rss: { ready: readyRss, idle: {}, peak: sampler.peaks(), hwm } });
  // CPU time per event (the phase's CPU share × its duration ÷ its events): comparable across runs on a busy machine.
  const cpuMsPerEvent = Object.fromEntries(
    [...Object.keys(procs), 'postgres', 'nats-server'].map((name) => [name, phaseStats.map((ph) => (ph.procs[name]?.cpuPercent === undefined ? null : round((ph.procs[name].cpuPercent / 100) * ph.seconds * 1000 / count, 2)))]),
  );
  console.log(`\nCPU ms per event      ${['submit', 'screen'].map((l) => lpad(l, 10)).join('')}`);
  for (const [name, v] of Object.entries(cpuMsPerEvent)) console.log(`${pad(name, 22)}${v.map((x) => lpad(x ?? '-', 10)).join('')}`);
  const targets = [
    ...['submit → webhook', 'screen → webhook', 'screen → subscription'].map((k) => ({ target: `${k} p99 <= ${TARGET_P99_MS} ms at ${RATE} events/s`, measured: rows[k].p99, limit: TARGET_P99_MS, pass: rows[k].n >= count && rows[k].p99 <= TARGET_P99_MS })),
    { target: 'every event delivered once, every signature valid', measured: receiver.state.duplicates + receiver.state.badSignatures, limit: 0, pass: receiver.state.duplicates === 0 && receiver.state.badSignatures === 0 },
  ];
  console.log('\ntargets (2 cores):');
  for (const t of targets) console.log(`  ${t.pass ? 'PASS' : 'MISS'}  ${pad(t.target, 60)} ${t.measured}`);
  writeResults(run.resultPath('.json'), { ...reportHead(run, machine, { connections: MAX_IN_FLIGHT, duration: SECONDS, warmup: 0 }, { rate: RATE }), rows, targets, hwm, cpuMsPerEvent, phaseSeconds: phaseStats.map((ph) => round(ph.seconds, 1)) });
  return [];
}

await runMain(run, main);
