import { describe, expect, it } from 'vitest';
import {
  drawnPetitions,
  geoJsonBounds,
  homeView,
  JINGMEN_CENTER,
  parseLatLng,
  petitionFeatures,
  placeFeatures,
  servingPlaces,
  sortStewards,
  taskFeatures,
  teamOf,
  type MapLocation,
  type MapPetition,
  type MapPlace,
  type MapSteward,
  type MapTask,
} from './map-features.js';

const petition = (id: string, over: Partial<MapPetition> = {}): MapPetition => ({
  id,
  title: `诉求${id}`,
  state: 'assigned',
  overdue: false,
  priority: 2,
  categoryNameZh: '路灯',
  region: 'jingmen/dongbao/longquan/xiangshan/g01',
  deadline: '2026-05-01T00:00:00Z',
  location: { lat: 31.03, lng: 112.2 },
  ...over,
});

const task = (id: string, over: Partial<MapTask> = {}): MapTask => ({
  id,
  title: `任务${id}`,
  kind: 'dispatched',
  status: 'published',
  points: 10,
  capacity: 2,
  claimed: 0,
  deadline: '2026-05-01T00:00:00Z',
  region: 'jingmen/dongbao/longquan',
  location: { lat: 31.01, lng: 112.21 },
  ...over,
});

const place = (id: string, kind: MapPlace['kind'], covers: string[]): MapPlace => ({
  id,
  name: `地点${id}`,
  kind,
  region: 'jingmen/dongbao/longquan',
  covers,
  contactPhone: null,
  openingHours: null,
  location: { lat: 31.02, lng: 112.22 },
});

const location: MapLocation = {
  lat: 31.03,
  lng: 112.2,
  regions: [
    { id: 'g1', name: '第一网格', level: 'grid', path: 'jingmen/dongbao/longquan/xiangshan/g01', code: 'G01' },
    { id: 'c1', name: '荆门市', level: 'city', path: 'jingmen', code: '4208' },
    { id: 'cm1', name: '象山社区', level: 'community', path: 'jingmen/dongbao/longquan/xiangshan', code: 'XS' },
    { id: 'k1', name: '东宝区', level: 'county', path: 'jingmen/dongbao', code: '420802' },
    { id: 's1', name: '龙泉街道', level: 'street', path: 'jingmen/dongbao/longquan', code: 'LQ' },
  ],
  layers: [
    {
      layer: { key: 'comprehensive', nameZh: '综合', staffTitleZh: '网格员' },
      grid: { id: 'g1', code: 'G01', name: '第一网格', region: 'jingmen/dongbao/longquan/xiangshan/g01' },
      staff: [{ id: 'st1', name: '王网格', titleZh: '网格员', role: 'grid_worker' }],
    },
    { layer: { key: 'fire', nameZh: '消防', staffTitleZh: '消防专干' }, grid: null, staff: [] },
  ],
};

describe('petitions on the map', () => {
  it('draws only open petitions that have a location, as points at lng/lat with what the popup and colour need', () => {
    const items = [petition('1'), petition('2', { location: null }), petition('3', { state: 'closed' }), petition('4', { overdue: true, state: 'resolved' })];
    expect(drawnPetitions(items).map((p) => p.id)).toEqual(['1', '4']);
    const fc = petitionFeatures(items);
    expect(fc.features).toHaveLength(2);
    expect(fc.features[0].geometry.coordinates).toEqual([112.2, 31.03]);
    expect(fc.features[0].properties).toMatchObject({ id: '1', name: '诉求1', stateName: '已交办', overdue: false });
    expect(fc.features[1].properties.overdue).toBe(true);
  });
});

describe('tasks and places on the map', () => {
  it('draws published tasks only, marking full ones', () => {
    const fc = taskFeatures([task('1'), task('2', { status: 'expired' }), task('3', { claimed: 2 })]);
    expect(fc.features.map((f) => [f.id, f.properties.full])).toEqual([
      ['1', false],
      ['3', true],
    ]);
  });

  it('names a place by its kind', () => {
    expect(placeFeatures([place('p', 'sentinel_post', [])]).features[0].properties.name).toBe('红色哨点 地点p');
  });
});

describe('the view the map opens on', () => {
  const shape = {
    type: 'MultiPolygon',
    coordinates: [
      [
        [
          [112.1, 30.9],
          [112.4, 30.9],
          [112.4, 31.2],
          [112.1, 30.9],
        ],
      ],
      [
        [
          [111.9, 31.0],
          [112.0, 31.3],
          [111.9, 31.0],
        ],
      ],
    ],
  };

  it('fits the home region’s area, given as an object or as a string', () => {
    expect(geoJsonBounds(shape)).toEqual([111.9, 30.9, 112.4, 31.3]);
    expect(geoJsonBounds(JSON.stringify(shape))).toEqual([111.9, 30.9, 112.4, 31.3]);
    expect(homeView(shape, [])).toEqual({ bounds: [111.9, 30.9, 112.4, 31.3] });
  });

  it('falls back to the petitions’ extent, then to Jingmen', () => {
    const items = [petition('1', { location: { lat: 31.1, lng: 112.3 } }), petition('2', { location: { lat: 30.95, lng: 112.15 } }), petition('3', { location: null })];
    expect(homeView(null, items)).toEqual({ bounds: [112.15, 30.95, 112.3, 31.1] });
    expect(homeView('not json', [])).toEqual({ center: JINGMEN_CENTER, zoom: 10 });
  });
});

describe('the responsible team of a point', () => {
  it('orders the nodes city first, finds the grid and street, and leaves out layers without a grid here', () => {
    const team = teamOf(location);
    expect(team.regions.map((r) => r.name)).toEqual(['荆门市', '东宝区', '龙泉街道', '象山社区', '第一网格']);
    expect(team.gridPath).toBe('jingmen/dongbao/longquan/xiangshan/g01');
    expect(team.streetId).toBe('s1');
    expect(team.layers.map((l) => l.layer.key)).toEqual(['comprehensive']);
  });

  it('keeps the places covering one of the point’s nodes', () => {
    const places = [place('a', 'sentinel_post', ['s1']), place('b', 'steward_station', ['g9']), place('c', 'steward_station', ['g1'])];
    expect(servingPlaces(places, location).map((p) => p.id)).toEqual(['a', 'c']);
  });

  it('lists the sentinel chain first: squad leader, group leader, sentinels, then the other stewards', () => {
    const s = (id: string, role: MapSteward['sentinelRole'], number: string): MapSteward => ({ id, number, class: 1, sentinelRole: role, grid: 'G01', person: { name: id } });
    const sorted = sortStewards([s('x', null, '1-A'), s('y', 'sentinel', '1-B'), s('z', 'squad_leader', '1-C'), s('w', 'group_leader', '1-D'), s('v', 'sentinel', '1-A')]);
    expect(sorted.map((x) => x.id)).toEqual(['z', 'w', 'v', 'y', 'x']);
  });
});

describe('typed coordinates', () => {
  it('accepts numbers on the globe only', () => {
    expect(parseLatLng(' 31.03 ', '112.2')).toEqual({ lat: 31.03, lng: 112.2 });
    expect(parseLatLng('', '112.2')).toBeNull();
    expect(parseLatLng('91', '112.2')).toBeNull();
    expect(parseLatLng('31', 'east')).toBeNull();
  });
});
