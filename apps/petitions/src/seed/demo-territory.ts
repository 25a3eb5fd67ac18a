import { regionContains, type Actor } from '@gov/kernel';
import type { RpcClient } from '@gov/platform-messaging';

/**
 * grids' subjects the demo seed asks (services never import each other's contracts): a node by
 * its path and a node's children, page by page. Answers are grids' RegionView and Page.
 */
export const GridsRegionCalls = {
  byPath: 'rpc.grids.region.byPath',
  children: 'rpc.grids.region.children',
} as const;

/** The fixed account the demo seed asks grids as and records its staff steps under (no login). */
export const DEMO_SEED_ACCOUNT_ID = '00000000-0000-4000-8000-00000000a002';
/** A city admin sees the whole territory: the seed reads it as one. */
export function demoSeedActor(city: string): Actor {
  return { accountId: DEMO_SEED_ACCOUNT_ID, personId: null, username: 'petitions-seed', grants: [{ role: 'city_admin', region: city }] };
}

/** What the seed reads of grids' RegionView. */
export interface RegionNode {
  id: string;
  path: string;
  level: string;
  kind: string | null;
  name: string;
  location: { lat: number; lng: number } | null;
}
interface RegionPage {
  items: RegionNode[];
  endCursor: string | null;
  hasNextPage: boolean;
}

export interface DemoBuilding {
  id: string;
  name: string;
  path: string;
  /** The compound (小区) or village group it stands in, and its name. */
  compound: string;
  compoundName: string;
  lat: number;
  lng: number;
}

/** A grid of the demo territory with what petitions need around it. */
export interface DemoGrid {
  path: string;
  name: string;
  county: string;
  street: string;
  community: string;
  communityName: string;
  /** A village (村) rather than an urban community: other worries, no property management. */
  village: boolean;
  buildings: DemoBuilding[];
}

const PAGE = 100;

/**
 * The city's grids and their buildings, read from grids over NATS (petitions never reads grids'
 * database): city → counties → streets → communities → grids → compounds → buildings.
 */
export async function readDemoTerritory(rpc: RpcClient, city: string): Promise<DemoGrid[]> {
  const actor = demoSeedActor(city);
  const children = async (parent: RegionNode): Promise<RegionNode[]> => {
    const out: RegionNode[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await rpc.request<RegionPage>(GridsRegionCalls.children, { id: parent.id, first: PAGE, ...(after ? { after } : {}) }, { actor });
      out.push(...page.items);
      if (!page.hasNextPage || !page.endCursor) return out;
      after = page.endCursor;
    }
  };
  const root = await rpc.request<RegionNode>(GridsRegionCalls.byPath, { path: city }, { actor });
  const grids: DemoGrid[] = [];
  for (const county of await children(root)) {
    for (const street of await children(county)) {
      for (const community of await children(street)) {
        for (const grid of (await children(community)).filter((n) => n.level === 'grid')) {
          const buildings: DemoBuilding[] = [];
          for (const compound of (await children(grid)).filter((n) => n.level === 'compound')) {
            for (const b of await children(compound)) {
              if (b.level === 'building' && b.location) buildings.push({ id: b.id, name: b.name, path: b.path, compound: compound.path, compoundName: compound.name, lat: b.location.lat, lng: b.location.lng });
            }
          }
          grids.push({
            path: grid.path,
            name: grid.name,
            county: county.path,
            street: street.path,
            community: community.path,
            communityName: community.name,
            village: community.kind === 'village',
            buildings,
          });
        }
      }
    }
  }
  return grids;
}

/** The grids inside any of `regions` (a region contains itself), or all of them. */
export function demoGridsIn(grids: readonly DemoGrid[], regions?: readonly string[]): DemoGrid[] {
  return regions ? grids.filter((g) => regions.some((r) => regionContains(r, g.path))) : [...grids];
}
