import { describe, expect, it } from 'vitest';
import { authorizeTileRequest, buildStyle, featureLabel, gridToggle, layerIdsOf, mapToggles, TOGGLE_PETITIONS, TOGGLE_REGIONS } from './map-style.js';

const ORIGIN = 'http://localhost:4200';
const LAYERS = [
  { key: 'comprehensive', nameZh: '综合' },
  { key: 'fire', nameZh: '消防' },
  { key: 'police', nameZh: '警务' },
];

describe('the map style', () => {
  it('fetches nothing but the gateway’s tiles: no glyphs, no sprite, no base map', () => {
    const style = buildStyle({ origin: ORIGIN, gridLayers: LAYERS, visible: new Set() });
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    expect(style.layers.some((l) => l.type === 'symbol' || l.type === 'raster')).toBe(false);
    const tiles = Object.values(style.sources).flatMap((s) => ('tiles' in s && s.tiles) || []);
    expect(tiles).toEqual([`${ORIGIN}/tiles/regions/{z}/{x}/{y}.pbf`, `${ORIGIN}/tiles/fire/{z}/{x}/{y}.pbf`, `${ORIGIN}/tiles/police/{z}/{x}/{y}.pbf`]);
  });

  it('reads each tile’s features from the source-layer named like its tile layer', () => {
    const style = buildStyle({ origin: ORIGIN, gridLayers: LAYERS, visible: new Set() });
    for (const l of style.layers) {
      if (!('source-layer' in l)) continue;
      const source = style.sources[l.source];
      expect(source.type).toBe('vector');
      expect((source as { tiles: string[] }).tiles[0]).toContain(`/tiles/${l['source-layer']}/`);
    }
  });

  it('offers a switch for the regions, each grid layer but the comprehensive one (drawn by regions), places, tasks and petitions', () => {
    expect(mapToggles(LAYERS).map((t) => t.label)).toEqual(['区划（县区、街道、社区、网格、楼栋）', '消防网格', '警务网格', '哨点与驿站', '进行中任务', '未办结诉求']);
  });

  it('puts every drawn layer under exactly one switch, and starts switched-off ones hidden', () => {
    const toggles = mapToggles(LAYERS);
    const visible = new Set([TOGGLE_REGIONS, TOGGLE_PETITIONS]);
    const style = buildStyle({ origin: ORIGIN, gridLayers: LAYERS, visible });
    const drawn = style.layers.filter((l) => l.type !== 'background').map((l) => l.id);
    const switched = toggles.flatMap((t) => layerIdsOf(t.id));
    expect([...switched].sort()).toEqual([...drawn].sort());
    for (const t of toggles) {
      for (const id of layerIdsOf(t.id)) {
        const layer = style.layers.find((l) => l.id === id)!;
        expect(layer.layout?.visibility).toBe(visible.has(t.id) ? 'visible' : 'none');
      }
    }
    expect(layerIdsOf(gridToggle('fire'))).toEqual(['grid-fire-fill', 'grid-fire-line']);
  });

  it('carries the petitions given as GeoJSON data', () => {
    const data = { type: 'FeatureCollection' as const, features: [{ type: 'Feature' as const, id: '1', geometry: { type: 'Point' as const, coordinates: [112.2, 31] as [number, number] }, properties: { id: '1' } }] };
    const style = buildStyle({ origin: ORIGIN, gridLayers: [], visible: new Set(), data: { petitions: data } });
    expect(style.sources.petitions).toEqual({ type: 'geojson', data });
  });
});

describe('tile requests', () => {
  it('adds the bearer token to the gateway’s tiles only', () => {
    expect(authorizeTileRequest(`${ORIGIN}/tiles/regions/14/1/2.pbf`, ORIGIN, 'tok')).toEqual({ url: `${ORIGIN}/tiles/regions/14/1/2.pbf`, headers: { Authorization: 'Bearer tok' } });
    expect(authorizeTileRequest('https://elsewhere.example/tiles/regions/1/1/1.pbf', ORIGIN, 'tok')).toEqual({ url: 'https://elsewhere.example/tiles/regions/1/1/1.pbf' });
    expect(authorizeTileRequest(`${ORIGIN}/tiles/regions/14/1/2.pbf`, ORIGIN, null).headers).toBeUndefined();
  });
});

describe('hover names (no glyphs, so no labels on the map)', () => {
  it('names a feature by what it is', () => {
    expect(featureLabel('regions-fill', { name: '龙泉街道', level: 'street' }, LAYERS)).toBe('街道：龙泉街道');
    expect(featureLabel('grid-fire-fill', { name: '消防一格', code: 'F01', layer: 'fire' }, LAYERS)).toBe('消防网格：消防一格（F01）');
    expect(featureLabel('petitions-circle', { name: '路灯不亮', overdue: true }, LAYERS)).toBe('诉求：路灯不亮（超期）');
  });
});
