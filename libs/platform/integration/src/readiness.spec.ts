// Readiness follows the service's dependencies: when NATS or PostgreSQL goes away the service turns
// unready (and stays alive), and it turns ready again by itself when they return — the NATS client
// reconnects, the database pool opens new connections. NATS is a private nats-server the test
// kills and restarts; PostgreSQL is reached through a TCP proxy the test cuts and restores.
import { TEST_DATABASE_URL, TestContext, eventually, startTestService } from '@gov/platform-testing';
import { RpcClient } from '@gov/platform-messaging';
import { ShutdownState } from '@gov/platform-observability';
import type { ServiceApp } from '@gov/platform-service';
import { connect } from '@nats-io/transport-node';
import { CuttableProxy, PrivateNats, RuntimeProbeModule, readiness } from './runtime.fixture.js';

const t = new TestContext();
let nats: PrivateNats;
let proxy: CuttableProxy;
let service: ServiceApp | undefined;

beforeAll(async () => {
  nats = await PrivateNats.start();
  const db = new URL(TEST_DATABASE_URL);
  proxy = await CuttableProxy.start(db.hostname, Number(db.port || 5432));
  db.port = String(proxy.port);
  service = await startTestService(RuntimeProbeModule, t.env('rtready', { NATS_URL: nats.url, DATABASE_URL: db.toString(), OUTBOX_POLL_MS: '100' }));
}, 60_000);

afterAll(async () => {
  proxy?.restore();
  await service?.close();
  await nats?.dispose();
  await proxy?.close();
  await t.cleanup();
});

async function becomes(status: number, checks: Record<string, boolean>, timeoutMs = 20_000) {
  return eventually(async () => {
    const r = await readiness(service!.url);
    return r.status === status && Object.entries(checks).every(([k, v]) => r.checks[k] === v) ? r : undefined;
  }, timeoutMs, 100);
}

describe('readiness', () => {
  it('is ready while PostgreSQL and NATS answer', async () => {
    expect(await readiness(service!.url)).toEqual({ status: 200, checks: { database: true, nats: true } });
    expect((await fetch(`${service!.url}/health/live`)).status).toBe(200);
  });

  it('turns unready while NATS is gone and ready again when it is back, staying alive throughout', async () => {
    await nats.down();
    await becomes(503, { nats: false, database: true });
    expect((await fetch(`${service!.url}/health/live`)).status).toBe(200);
    await nats.up();
    await becomes(200, { nats: true, database: true });
    // Really back: it answers requests again.
    const nc = await connect({ servers: nats.url });
    try {
      const rpc = new RpcClient(nc, t.ns, { timeoutMs: 1000 });
      expect(await eventually(() => rpc.request<{ n: number }>('rpc.rtprobe.echo', { n: 7 }), 10_000, 100)).toEqual({ n: 7 });
    } finally {
      await nc.close();
    }
  }, 60_000);

  it('turns unready while PostgreSQL is unreachable and ready again when it is back, staying alive throughout', async () => {
    proxy.cut();
    await becomes(503, { database: false, nats: true });
    expect((await fetch(`${service!.url}/health/live`)).status).toBe(200);
    proxy.restore();
    await becomes(200, { database: true, nats: true });
  }, 60_000);

  it('turns unready, without asking its dependencies, once the service starts shutting down', async () => {
    // What close() (SIGTERM) does first, before it drains anything.
    service!.app.get(ShutdownState).begin();
    const res = await fetch(`${service!.url}/health/ready`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'shutting-down', checks: {} });
    expect((await fetch(`${service!.url}/health/live`)).status).toBe(200);
  });
});
