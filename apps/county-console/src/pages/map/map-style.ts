/**
 * The map's MapLibre style: no internet base map (county office networks may have none, and the
 * platform serves no glyphs), only a plain background, the gateway's vector tiles and our GeoJSON.
 * Names appear in a hover popup and the locate panel instead of symbol labels, which would need glyphs.
 * Only types come from maplibre-gl here, so this stays out of every chunk but the map's.
 */
import type { ExpressionSpecification, LayerSpecification, RequestParameters, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import type { PointCollection } from './map-features.js';

export interface GridLayerInfo {
  key: string;
  nameZh: string;
}

/** A switchable group of style layers. */
export interface Toggle {
  id: string;
  label: string;
}

export const REGIONS_LAYER = 'regions';
export const TOGGLE_REGIONS = 'regions';
export const TOGGLE_PLACES = 'places';
export const TOGGLE_PETITIONS = 'petitions';
export const TOGGLE_TASKS = 'tasks';
/** The tree's grids are drawn by `regions` from z 14; its own tile layer would draw them twice. */
export const COMPREHENSIVE_LAYER = 'comprehensive';
export const BACKGROUND = '#eef0f3';
/** The gateway draws grid layers' tiles only up to a size: below this zoom they would be refused as too large. */
export const GRID_LAYER_MIN_ZOOM = 11;
/** Tiles are fetched up to this zoom and over-zoomed beyond (buildings are points: no detail is lost). */
export const TILE_SOURCE_MAX_ZOOM = 16;
export const GEOJSON_SOURCES = [TOGGLE_PETITIONS, TOGGLE_TASKS, TOGGLE_PLACES] as const;
export type GeoJsonSourceId = (typeof GEOJSON_SOURCES)[number];

/** Distinct colours of grid layers' outlines, in the order the layers come. */
const GRID_COLOURS = ['#6a1b9a', '#00838f', '#2e7d32', '#ef6c00', '#5d4037', '#283593', '#ad1457', '#827717'];
const LEVEL_COLOUR: ExpressionSpecification = ['match', ['get', 'level'], 'county', '#7a1f1f', 'street', '#b71c1c', 'community', '#d35400', 'grid', '#0b57d0', '#4e5969'];
const LEVEL_WIDTH: ExpressionSpecification = ['match', ['get', 'level'], 'county', 2.5, 'street', 2, 'community', 1.5, 1];

export function tileUrl(origin: string, layer: string): string {
  return `${origin}/tiles/${encodeURIComponent(layer)}/{z}/{x}/{y}.pbf`;
}

/** The grid layers drawn from their own tiles (every one but the comprehensive layer). */
export function drawnGridLayers(layers: readonly GridLayerInfo[]): GridLayerInfo[] {
  return layers.filter((l) => l.key !== COMPREHENSIVE_LAYER);
}

/** The switches above the map, in drawing order. */
export function mapToggles(layers: readonly GridLayerInfo[]): Toggle[] {
  return [
    { id: TOGGLE_REGIONS, label: '区划（县区、街道、社区、网格、楼栋）' },
    ...drawnGridLayers(layers).map((l) => ({ id: gridToggle(l.key), label: `${l.nameZh}网格` })),
    { id: TOGGLE_PLACES, label: '哨点与驿站' },
    { id: TOGGLE_TASKS, label: '进行中任务' },
    { id: TOGGLE_PETITIONS, label: '未办结诉求' },
  ];
}

export function gridToggle(key: string): string {
  return `grid:${key}`;
}

/** The style layers a switch shows or hides. */
export function layerIdsOf(toggle: string): string[] {
  if (toggle === TOGGLE_REGIONS) return ['regions-fill', 'regions-line', 'regions-building'];
  if (toggle.startsWith('grid:')) {
    const key = toggle.slice('grid:'.length);
    return [`grid-${key}-fill`, `grid-${key}-line`];
  }
  return [`${toggle}-circle`];
}

/** Layers whose features get a hover popup with their name, in the order to look (points above areas). */
export function hoverLayerIds(layers: readonly GridLayerInfo[]): string[] {
  return [
    ...layerIdsOf(TOGGLE_PETITIONS),
    ...layerIdsOf(TOGGLE_TASKS),
    ...layerIdsOf(TOGGLE_PLACES),
    'regions-building',
    ...drawnGridLayers(layers).map((l) => `grid-${l.key}-fill`),
    'regions-fill',
  ];
}

const EMPTY: PointCollection = { type: 'FeatureCollection', features: [] };

export interface StyleInput {
  origin: string;
  gridLayers: readonly GridLayerInfo[];
  /** Switches that are on; the others' layers start hidden. */
  visible: ReadonlySet<string>;
  data?: Partial<Record<GeoJsonSourceId, PointCollection>>;
}

export function buildStyle({ origin, gridLayers, visible, data = {} }: StyleInput): StyleSpecification {
  const grids = drawnGridLayers(gridLayers);
  const sources: Record<string, SourceSpecification> = {
    [REGIONS_LAYER]: { type: 'vector', tiles: [tileUrl(origin, REGIONS_LAYER)], minzoom: 0, maxzoom: TILE_SOURCE_MAX_ZOOM },
  };
  for (const g of grids) sources[`grid-${g.key}`] = { type: 'vector', tiles: [tileUrl(origin, g.key)], minzoom: GRID_LAYER_MIN_ZOOM, maxzoom: TILE_SOURCE_MAX_ZOOM };
  for (const id of GEOJSON_SOURCES) sources[id] = { type: 'geojson', data: data[id] ?? EMPTY };

  const visibility = (toggle: string) => ({ visibility: visible.has(toggle) ? ('visible' as const) : ('none' as const) });
  const polygons: ExpressionSpecification = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false];
  const layers: LayerSpecification[] = [
    { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND } },
    // The source-layer inside each tile is named like the tile layer (ST_AsMVT's name).
    { id: 'regions-fill', type: 'fill', source: REGIONS_LAYER, 'source-layer': REGIONS_LAYER, filter: polygons, layout: visibility(TOGGLE_REGIONS), paint: { 'fill-color': LEVEL_COLOUR, 'fill-opacity': 0.06 } },
    { id: 'regions-line', type: 'line', source: REGIONS_LAYER, 'source-layer': REGIONS_LAYER, filter: polygons, layout: visibility(TOGGLE_REGIONS), paint: { 'line-color': LEVEL_COLOUR, 'line-width': LEVEL_WIDTH } },
    ...grids.flatMap((g, i): LayerSpecification[] => [
      { id: `grid-${g.key}-fill`, type: 'fill', source: `grid-${g.key}`, 'source-layer': g.key, layout: visibility(gridToggle(g.key)), paint: { 'fill-color': gridColour(i), 'fill-opacity': 0.04 } },
      { id: `grid-${g.key}-line`, type: 'line', source: `grid-${g.key}`, 'source-layer': g.key, layout: visibility(gridToggle(g.key)), paint: { 'line-color': gridColour(i), 'line-width': 1.5, 'line-dasharray': [3, 2] } },
    ]),
    {
      id: 'regions-building',
      type: 'circle',
      source: REGIONS_LAYER,
      'source-layer': REGIONS_LAYER,
      filter: ['==', ['geometry-type'], 'Point'],
      layout: visibility(TOGGLE_REGIONS),
      paint: { 'circle-radius': 3, 'circle-color': '#4e5969', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 1 },
    },
    {
      id: 'places-circle',
      type: 'circle',
      source: TOGGLE_PLACES,
      layout: visibility(TOGGLE_PLACES),
      paint: { 'circle-radius': 6, 'circle-color': ['match', ['get', 'placeKind'], 'sentinel_post', '#6a1b9a', '#00838f'], 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
    },
    {
      id: 'tasks-circle',
      type: 'circle',
      source: TOGGLE_TASKS,
      layout: visibility(TOGGLE_TASKS),
      paint: { 'circle-radius': 6, 'circle-color': ['case', ['get', 'full'], '#7d8590', '#1b5e20'], 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
    },
    {
      id: 'petitions-circle',
      type: 'circle',
      source: TOGGLE_PETITIONS,
      layout: visibility(TOGGLE_PETITIONS),
      paint: { 'circle-radius': 7, 'circle-color': ['case', ['get', 'overdue'], '#b71c1c', '#e65100'], 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
    },
  ];
  // No `glyphs` and no `sprite`: nothing is fetched but our tiles.
  return { version: 8, name: '网格地图', sources, layers };
}

export function gridColour(index: number): string {
  return GRID_COLOURS[index % GRID_COLOURS.length];
}

/** MapLibre's transformRequest: the gateway's tiles need the session's bearer token; nothing else is touched. */
export function authorizeTileRequest(url: string, origin: string, token: string | null): RequestParameters {
  if (!token || !url.startsWith(`${origin}/tiles/`)) return { url };
  return { url, headers: { Authorization: `Bearer ${token}` } };
}

/** The name shown when hovering a feature of one of our layers. */
export function featureLabel(layerId: string, properties: Record<string, unknown>, gridLayers: readonly GridLayerInfo[]): string {
  const name = String(properties.name ?? '');
  if (layerId.startsWith('regions-')) {
    const level = String(properties.level ?? '');
    const levelName: Record<string, string> = { county: '县区', street: '街道', community: '社区', grid: '网格', building: '楼栋' };
    return levelName[level] ? `${levelName[level]}：${name}` : name;
  }
  if (layerId.startsWith('grid-')) {
    const key = String(properties.layer ?? '');
    const layer = gridLayers.find((l) => l.key === key);
    return `${layer ? layer.nameZh : ''}网格：${name}${properties.code ? `（${String(properties.code)}）` : ''}`;
  }
  if (layerId === 'petitions-circle') return `诉求：${name}${properties.overdue === true ? '（超期）' : ''}`;
  if (layerId === 'tasks-circle') return `任务：${name}`;
  return name;
}
