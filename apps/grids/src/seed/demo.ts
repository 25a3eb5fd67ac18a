import type { Actor } from '@gov/kernel';
import { parseInput } from '@gov/kernel';
import {
  AddHouseholdMemberInput,
  AppointCentralHeadInput,
  AssignStaffInput,
  CreateLayerGridInput,
  CreatePartyOrgInput,
  CreatePlaceInput,
  CreateRegionInput,
  LinkCentralHeadToPartyInput,
  LinkToCentralHeadInput,
  RegisterHouseholdInput,
  type AreaGeometry,
  type HouseholdView,
  type RegionView,
} from '@gov/grids-contracts';
import { PersonRefRepository, RegionRepository } from '@gov/grids-data-access';
import { RequestContext } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import type { INestApplicationContext } from '@nestjs/common';
import { CentralHeadService } from '../household/central-head.service.js';
import { HouseholdService } from '../household/household.service.js';
import { LayerService } from '../layer/layer.service.js';
import { PartyService } from '../party/party.service.js';
import { PlaceService } from '../place/place.service.js';
import { RegionService } from '../region/region.service.js';
import { CHINESE_NUMERALS, DEMO_BUILDINGS_PER_COMPOUND, DEMO_CITY, DEMO_COUNTIES, DEMO_STAFF_NAMES, type Box } from './demo-territory.js';

/** The account the demo data is recorded as created by (no login: the seed runs inside the service). */
export const SEED_ACCOUNT_ID = '00000000-0000-4000-8000-000000000001';
/** The city admin the demo data is written as (no login: the seed runs inside the service). */
export const SEED_ACTOR: Actor = { accountId: SEED_ACCOUNT_ID, personId: null, username: 'demo-seed', grants: [{ role: 'city_admin', region: DEMO_CITY.seg }] };

export interface DemoTerritoryResult {
  regions: number;
  buildings: number;
  layerGrids: number;
  staff: number;
  households: number;
  centralHeads: number;
  partyOrgs: number;
  places: number;
}

/** Households per building in the demo (two units, two floors), and the households one central head looks after. */
const ROOMS = ['1-101', '1-201', '2-101', '2-201'];
const HOUSEHOLDS_PER_HEAD = 10;
/** Central heads per compound: with six buildings of four households, four households stay uncovered — the coverage report has something to show. */
const HEADS_PER_COMPOUND = 2;
/** Persons looked at per region when picking the demo's staff and heads. */
const PERSONS_PER_REGION = 20;

const polygon = ([w, s, e, n]: Box): AreaGeometry => ({ type: 'Polygon', coordinates: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] });
/** The i-th of `count` vertical strips of a box (grids tile their community west to east). */
const strip = ([w, s, e, n]: Box, i: number, count: number): Box => [w + ((e - w) * i) / count, s, w + ((e - w) * (i + 1)) / count, n];
/** The middle of a box, shrunk to `share` of its width and height. */
const inner = ([w, s, e, n]: Box, share: number): Box => {
  const dx = ((e - w) * (1 - share)) / 2;
  const dy = ((n - s) * (1 - share)) / 2;
  return [w + dx, s + dy, e - dx, n - dy];
};

/**
 * Seeds the demo territory when the tree is empty; returns null when it exists already. Goes
 * through the services, so every node is validated and every change leaves its event.
 */
export async function seedDemoTerritory(app: INestApplicationContext, log: (line: string) => void): Promise<DemoTerritoryResult | null> {
  // The services read through the per-message EntityManager; here one context serves the whole seed.
  const orm = app.get(MikroORM);
  return RequestContext.create(orm.em, () => seed(app, log));
}

/**
 * The people on duty and the central heads are identity's demo persons, as grids knows them from
 * identity's events (person_ref): whoever lives in the grid, else in the street or county. A grid
 * without anyone gets no staff; the log says so.
 */
async function seed(app: INestApplicationContext, log: (line: string) => void): Promise<DemoTerritoryResult | null> {
  const persons = app.get(PersonRefRepository);
  const em = app.get(MikroORM).em.fork();
  const livingIn = async (...regions: string[]) => {
    for (const r of regions) {
      const found = await persons.under(em, r, PERSONS_PER_REGION);
      if (found.length) return found.map((p) => p.id);
    }
    return [];
  };
  const regions = app.get(RegionService);
  const layers = app.get(LayerService);
  const households = app.get(HouseholdService);
  const heads = app.get(CentralHeadService);
  const places = app.get(PlaceService);
  const party = app.get(PartyService);
  if (await app.get(RegionRepository).byPath(DEMO_CITY.seg)) return null;
  const result: DemoTerritoryResult = { regions: 0, buildings: 0, layerGrids: 0, staff: 0, households: 0, centralHeads: 0, partyOrgs: 0, places: 0 };
  let staffName = 0;
  const nextName = () => DEMO_STAFF_NAMES[staffName++ % DEMO_STAFF_NAMES.length]!;
  let unstaffed = 0;
  const create = async (input: Record<string, unknown>): Promise<RegionView> => {
    result.regions++;
    return regions.create(SEED_ACTOR, parseInput(CreateRegionInput, input));
  };
  const place = async (input: Record<string, unknown>) => {
    result.places++;
    await places.create(SEED_ACTOR, parseInput(CreatePlaceInput, input));
  };
  // The party overlay (党组织): one organisation per community or village, a branch or group per compound or village group, a group in each compound's first building.
  const partyOrg = async (input: Record<string, unknown>) => {
    result.partyOrgs++;
    return party.create(SEED_ACTOR, parseInput(CreatePartyOrgInput, input));
  };
  const centre = ([w, south, e, n]: Box) => ({ lat: Number(((south + n) / 2).toFixed(6)), lng: Number(((w + e) / 2).toFixed(6)) });
  const assign = async (layerKey: string, gridId: string, candidates: string[]) => {
    const personId = candidates[0];
    if (!personId) {
      unstaffed++;
      return;
    }
    result.staff++;
    await layers.assignStaff(SEED_ACTOR, parseInput(AssignStaffInput, { layerKey, gridId, personId, name: nextName() }));
  };

  const city = await create({ parentId: null, code: DEMO_CITY.seg, name: DEMO_CITY.zh, shape: polygon(DEMO_CITY.box) });
  for (const county of DEMO_COUNTIES) {
    const c = await create({ parentId: city.id, code: county.seg, name: county.zh, kind: 'district', shape: polygon(county.box) });
    const market = await layers.createLayerGrid(SEED_ACTOR, parseInput(CreateLayerGridInput, { layerKey: 'market', code: `${county.seg}-sj`, name: `${county.market}监管网格`, region: c.path, shape: polygon(county.box) }));
    result.layerGrids++;
    await assign('market', market.id, await livingIn(c.path));
    for (const street of county.streets) {
      const s = await create({ parentId: c.id, code: street.seg, name: street.zh, kind: street.town ? 'town' : 'street', shape: polygon(street.box) });
      for (const [layerKey, code, name] of [
        ['police', `${street.seg}-jw`, `${street.police}警格`],
        ['enforcement', `${street.seg}-zf`, `${street.zh}综合执法网格`],
      ] as const) {
        const g = await layers.createLayerGrid(SEED_ACTOR, parseInput(CreateLayerGridInput, { layerKey, code, name, region: s.path, shape: polygon(street.box) }));
        result.layerGrids++;
        await assign(layerKey, g.id, await livingIn(s.path, c.path));
      }
      await place({ kind: 'sentinel_post', name: `${street.zh}红色哨点`, regionId: s.id, location: centre(inner(street.box, 0.2)), contactPhone: '0724-2345678', openingHours: '全天', covers: [s.id] });
      for (const community of street.communities) {
        const cm = await create({ parentId: s.id, code: community.seg, name: community.zh, kind: community.village ? 'village' : 'community', shape: polygon(community.box) });
        const office = community.village ? `${community.zh}村民委员会` : `${community.zh}居民委员会`;
        await place({ kind: 'office', name: office, regionId: cm.id, location: centre(inner(community.box, 0.1)), contactPhone: '0724-2211000', openingHours: '周一至周五 8:30-17:30' });
        await place({ kind: 'party_mass_centre', name: `${community.zh}党群服务中心`, regionId: cm.id, location: centre([community.box[0], community.box[1], community.box[2], (community.box[1] + community.box[3]) / 2]), openingHours: '每日 8:00-20:00', covers: [cm.id] });
        const communityOrg = await partyOrg({ kind: community.village ? 'village_org' : 'community_org', regionId: cm.id, name: `${community.zh}党委` });
        for (let i = 0; i < community.grids; i++) {
          const gridBox = strip(community.box, i, community.grids);
          const grid = await create({ parentId: cm.id, code: `g${String(i + 1).padStart(2, '0')}`, name: `${community.zh}第${CHINESE_NUMERALS[i]}网格`, kind: 'grid', shape: polygon(gridBox) });
          const residents = await livingIn(grid.path);
          await assign('comprehensive', grid.id, residents.length ? residents : await livingIn(cm.path, s.path, c.path));
          const compoundBox = inner(gridBox, 0.6);
          const compoundName = community.village ? `${community.zh}${CHINESE_NUMERALS[i]}组` : community.compounds![i]!;
          const compound = await create({
            parentId: grid.id,
            code: community.village ? `zu${i + 1}` : `xq${i + 1}`,
            name: compoundName,
            kind: community.village ? 'village_group' : 'compound',
            shape: polygon(compoundBox),
          });
          await place({ kind: 'steward_station', name: `${compoundName}红管家驿站`, regionId: compound.id, location: centre(inner(compoundBox, 0.1)), openingHours: '每日 9:00-18:00', covers: [grid.id] });
          const compoundOrg = await partyOrg({
            kind: community.village ? 'village_group' : 'compound_branch',
            regionId: compound.id,
            parentId: communityOrg.id,
            name: community.village ? `${compoundName}党小组` : `${compoundName}党支部`,
          });
          // Party-member central households (党员中心户) belong to the village group's, or the first building's, party group.
          let headsGroup = compoundOrg;
          const compoundHouseholds: HouseholdView[] = [];
          for (let b = 0; b < DEMO_BUILDINGS_PER_COMPOUND; b++) {
            const [w, south, e, n] = compoundBox;
            // Two rows of three inside the compound.
            const lng = w + ((e - w) * ((b % 3) + 0.5)) / 3;
            const lat = south + ((n - south) * (Math.floor(b / 3) + 0.5)) / 2;
            const building = await create({
              parentId: compound.id,
              code: `b${b + 1}`,
              name: community.village ? `${compoundName}${b + 1}号` : `${compoundName}${b + 1}栋`,
              kind: 'building',
              location: { lat: Number(lat.toFixed(6)), lng: Number(lng.toFixed(6)) },
            });
            result.buildings++;
            if (b === 0 && !community.village) headsGroup = await partyOrg({ kind: 'building_group', regionId: building.id, parentId: compoundOrg.id, name: `${building.name}党小组` });
            for (const room of ROOMS) {
              compoundHouseholds.push(await households.register(SEED_ACTOR, parseInput(RegisterHouseholdInput, { buildingId: building.id, number: room })));
              result.households++;
            }
          }
          // Ten households, one link (十户一联): residents of the grid head a household each and look after their neighbours.
          for (let h = 0; h < Math.min(HEADS_PER_COMPOUND, residents.length); h++) {
            const group = compoundHouseholds.slice(h * HOUSEHOLDS_PER_HEAD, (h + 1) * HOUSEHOLDS_PER_HEAD);
            await households.addMember(SEED_ACTOR, parseInput(AddHouseholdMemberInput, { householdId: group[0]!.id, personId: residents[h]!, relation: 'head' }));
            const head = await heads.appoint(SEED_ACTOR, parseInput(AppointCentralHeadInput, { personId: residents[h]!, householdId: group[0]!.id, partyMember: h === 0 }));
            await heads.link(SEED_ACTOR, parseInput(LinkToCentralHeadInput, { householdIds: group.map((g) => g.id), centralHeadId: head.id }));
            // The party member among them heads a household of the first building.
            if (head.partyMember) await party.linkCentralHead(SEED_ACTOR, parseInput(LinkCentralHeadToPartyInput, { centralHeadId: head.id, partyOrgId: headsGroup.id }));
            result.centralHeads++;
          }
        }
      }
    }
    log(`seed: ${county.zh} done`);
  }
  if (unstaffed) log(`seed: ${unstaffed} grids had nobody identity knows living there; they have no staff`);
  return result;
}
