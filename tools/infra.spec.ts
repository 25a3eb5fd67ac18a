// tools/infra.mjs against the real servers: afterwards the database exists, has PostGIS, and
// JetStream answers. On a fresh machine this is also the provisioning check (it may install
// packages or start servers, hence the long timeout).
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import pg from 'pg';
import { ensureInfra, natsUsers } from './infra.mjs';

describe('tools/infra.mjs ensureInfra', () => {
  const lines: string[] = [];
  let result: { databaseUrl: string; natsUrl: string; natsCredentials?: Record<string, string> };

  beforeAll(async () => {
    result = await ensureInfra({ log: (line: string) => lines.push(line) });
  }, 15 * 60_000); // installing postgresql-15-postgis-3 on a cold machine takes minutes

  it('reports one status line per server', () => {
    expect(lines.some((l) => /^infra: postgres .* ready \(PostGIS [\d.]+\)$/.test(l))).toBe(true);
    expect(lines.some((l) => /^infra: nats .* ready \(server .*, JetStream \d+ streams\)$/.test(l))).toBe(true);
  });

  it('leaves the database of DATABASE_URL in place with the postgis extension', async () => {
    const url = new URL(result.databaseUrl);
    const client = new pg.Client({ connectionString: result.databaseUrl });
    await client.connect();
    try {
      const db = await client.query('select current_database() as name');
      expect(db.rows[0].name).toBe(decodeURIComponent(url.pathname.slice(1)));
      const ext = await client.query("select extversion from pg_extension where extname = 'postgis'");
      expect(ext.rowCount).toBe(1);
      const point = await client.query("select ST_AsText(ST_SetSRID(ST_MakePoint(116.4, 39.9), 4326)) as wkt");
      expect(point.rows[0].wkt).toBe('POINT(116.4 39.9)');
    } finally {
      await client.end();
    }
  });

  it('leaves NATS answering with JetStream', async () => {
    const nc = await connect({ servers: result.natsUrl, timeout: 2000 });
    try {
      const jsm = await jetstreamManager(nc);
      const info = await jsm.getAccountInfo();
      expect(typeof info.streams).toBe('number');
    } finally {
      await nc.close();
    }
  });

  it('passes on the users of deploy/nats/auth.conf when NATS checks passwords (none when it takes anyone)', async () => {
    if (!result.natsCredentials) return; // a NATS without users, as on a machine whose NATS was already running
    expect(Object.keys(result.natsCredentials).sort()).toEqual(natsUsers().map((u: { user: string }) => u.user).sort());
    for (const [user, pass] of Object.entries(result.natsCredentials)) {
      const nc = await connect({ servers: result.natsUrl, user, pass, timeout: 2000, inboxPrefix: `_INBOX.${user}` });
      await nc.close();
    }
  });

  it('is idempotent and quick when everything is there', async () => {
    const started = performance.now();
    const again = await ensureInfra({ log: () => {} });
    expect(again).toEqual(result);
    expect(performance.now() - started).toBeLessThan(3000); // < 1 s on an idle machine; slack for a loaded CI
  });
});
