import { countyOf, eventSubject, type Actor, type RoleName } from '@gov/kernel';
import { GridsCalls } from '@gov/petitions-contracts';
import { toCloudEventHeaders } from '@gov/platform-messaging';
import type { TestContext } from '@gov/platform-testing';
import { jetstream } from '@nats-io/jetstream';
import { randomUUID } from 'node:crypto';

export const XIANGSHAN = 'jingmen/dongbao/longquan/xiangshan';
export const XIANGSHAN_GRID = `${XIANGSHAN}/g03`;
export const DUODAO_GRID = 'jingmen/duodao/duodaoshi/gaojing/g01';

/** A caller as the gateway would sign it: one role on one region. */
export function actorOf(role: RoleName, region: string, personId: string | null = randomUUID()): Actor {
  return { accountId: randomUUID(), personId, username: `${role}-${region.split('/').at(-1)}-${randomUUID().slice(0, 4)}`, grants: [{ role, region }] };
}

/** Publishes another service's event as its outbox relay does (CloudEvents headers). */
export async function publishEvent(
  t: TestContext,
  source: { service: string; aggregate: string; event: string },
  region: string,
  subjectId: string,
  data: object,
): Promise<string> {
  const id = randomUUID();
  const county = countyOf(region);
  const h = toCloudEventHeaders({
    id,
    type: `gov.${source.service}.${source.aggregate}.${source.event}.v1`,
    source: `/gov/${source.service}/${source.aggregate}/${subjectId}`,
    subject: subjectId,
    time: new Date().toISOString(),
    county,
  });
  await jetstream(await t.nats()).publish(t.ns.subject(eventSubject(county, source.service, source.aggregate, source.event)), JSON.stringify(data), { headers: h });
  return id;
}

/** A building grids knows, as its QR resolution answers it. */
export interface TestBuilding {
  token: string;
  id: string;
  name: string;
  grid: string;
  compound: string;
}

/**
 * Stands in for grids' `qr.resolve` on this run's NATS subjects (grids itself runs in the
 * end-to-end suites): known tokens resolve to their building, anything else is refused as grids
 * refuses a forged token.
 */
export async function fakeGridsQr(t: TestContext, buildings: readonly TestBuilding[]): Promise<() => void> {
  const nc = await t.nats();
  const sub = nc.subscribe(t.ns.subject(GridsCalls.qrResolve), {
    callback: (_err, msg) => {
      const { token } = msg.json<{ token: string }>();
      const b = buildings.find((x) => x.token === token);
      const reply = b
        ? {
            ok: true,
            data: {
              building: { id: b.id, name: b.name, path: `${b.compound}/${b.id.slice(0, 6)}` },
              grid: { id: randomUUID(), name: '第三网格', path: b.grid },
              compound: { id: randomUUID(), name: '象山小区', path: b.compound },
              community: { id: randomUUID(), name: '象山社区', path: b.grid.split('/').slice(0, 4).join('/') },
              team: [{ name: '王网格', role: 'grid_worker', titleZh: '网格员', layerKey: 'comprehensive', layerNameZh: '综合网格', gridName: '第三网格' }],
              version: 1,
            },
          }
        : { ok: false, error: { code: 'NOT_FOUND', message: 'this code was not issued by us', reason: 'QR_FORGED' } };
      msg.respond(JSON.stringify(reply));
    },
  });
  return () => sub.unsubscribe();
}

export function testBuilding(grid = XIANGSHAN_GRID): TestBuilding {
  const id = randomUUID();
  return { token: `tok-${id}`, id, name: `象山小区${Math.floor(Math.random() * 90) + 10}栋`, grid, compound: `${grid}/xsxq` };
}
