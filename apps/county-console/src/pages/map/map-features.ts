/**
 * What the map draws, from the GraphQL answers: GeoJSON of petitions, tasks and places (sentinel posts,
 * steward stations), the view to open on, and the responsible team of a located point. Pure functions,
 * so the page's logic is testable without WebGL.
 */
import type { PetitionState, PlaceKind, SentinelRole } from '../../api/schema-types.js';
// One name per petition state across the console: the queue's and the petition page's.
import { STATE_LABELS } from '../petition/petition-labels.js';
import type { MapGridStewardsQuery, MapLocateQuery, MapPetitionsQuery, MapPlacesQuery, MapTasksQuery } from './map.generated.js';

export type MapPetition = MapPetitionsQuery['petitions']['items'][number];
export type MapTask = MapTasksQuery['tasksNear'][number];
export type MapPlace = MapPlacesQuery['places'][number];
export type MapLocation = MapLocateQuery['locate'];
export type MapSteward = MapGridStewardsQuery['stewards']['items'][number];

/** [west, south, east, north] in degrees. */
export type Bounds = [number, number, number, number];

export interface PointFeature {
  type: 'Feature';
  id: string;
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: Record<string, string | number | boolean>;
}

export interface PointCollection {
  type: 'FeatureCollection';
  features: PointFeature[];
}

/** Petitions still being worked on (the petitions service's OPEN_STATES: resolved awaits the rating). */
export const OPEN_PETITION_STATES: readonly PetitionState[] = ['submitted', 'screened', 'assigned', 'accepted', 'in_progress', 'resolved'];
/** Places drawn on the map: the sentinel chain's posts (哨点) and the stewards' stations (驿站). */
export const MAP_PLACE_KINDS: readonly PlaceKind[] = ['sentinel_post', 'steward_station'];
/** Places that serve a located point: the posts and stations, and the community's offices. */
export const TEAM_PLACE_KINDS: readonly PlaceKind[] = ['sentinel_post', 'steward_station', 'steward_studio', 'party_mass_centre', 'office'];
/**
 * How many of each kind the map asks for. The gateway costs a query at its page size times the fields
 * selected per item and refuses more than 1,000 (apps/gateway/src/limits.ts): the petitions' selection
 * costs about 12 per item, so 100 were refused (1,210) and 80 fit.
 */
export const MAP_PAGE_SIZE = 80;
/** Where the map opens when neither the home region's shape nor any petition gives an extent (荆门). */
export const JINGMEN_CENTER: [number, number] = [112.2, 31.0];
export const JINGMEN_ZOOM = 10;

export const PLACE_KIND_NAMES: Record<PlaceKind, string> = {
  sentinel_post: '红色哨点',
  steward_station: '红管家驿站',
  steward_studio: '红管家工作室',
  party_mass_centre: '党群服务中心',
  office: '社区/村办公室',
  market: '市场',
  back_street: '背街小巷',
};

export const LEVEL_NAMES: Record<string, string> = {
  city: '市',
  county: '县区',
  street: '街道',
  community: '社区',
  grid: '网格',
  compound: '小区',
  building: '楼栋',
};

export const SENTINEL_ROLE_NAMES: Record<SentinelRole, string> = {
  sentinel: '哨兵',
  group_leader: '组长',
  squad_leader: '班长',
};

const LEVEL_ORDER = ['city', 'county', 'street', 'community', 'grid', 'compound', 'building'];

function point(id: string, lng: number, lat: number, properties: PointFeature['properties']): PointFeature {
  return { type: 'Feature', id, geometry: { type: 'Point', coordinates: [lng, lat] }, properties };
}

/** Petitions that can be drawn: the open ones with a location (a hotline call may have none). */
export function drawnPetitions(items: readonly MapPetition[]): MapPetition[] {
  return items.filter((p) => p.location && OPEN_PETITION_STATES.includes(p.state));
}

export function petitionFeatures(items: readonly MapPetition[]): PointCollection {
  return {
    type: 'FeatureCollection',
    features: drawnPetitions(items).map((p) =>
      point(p.id, p.location!.lng, p.location!.lat, {
        id: p.id,
        kind: 'petition',
        name: p.title,
        state: p.state,
        stateName: STATE_LABELS[p.state],
        overdue: p.overdue,
        category: p.categoryNameZh,
      }),
    ),
  };
}

/** Open tasks (published, places left or not) at their location. */
export function taskFeatures(items: readonly MapTask[]): PointCollection {
  return {
    type: 'FeatureCollection',
    features: items
      .filter((t) => t.status === 'published')
      .map((t) => point(t.id, t.location.lng, t.location.lat, { id: t.id, kind: 'task', name: t.title, points: t.points, full: t.claimed >= t.capacity })),
  };
}

export function placeFeatures(items: readonly MapPlace[]): PointCollection {
  return {
    type: 'FeatureCollection',
    features: items.map((p) => point(p.id, p.location.lng, p.location.lat, { id: p.id, kind: 'place', placeKind: p.kind, name: `${PLACE_KIND_NAMES[p.kind]} ${p.name}` })),
  };
}

/** The bounding box of any GeoJSON value (geometry, Feature, FeatureCollection; the scalar may arrive as a string). */
export function geoJsonBounds(value: unknown): Bounds | null {
  let geo = value;
  if (typeof geo === 'string') {
    try {
      geo = JSON.parse(geo);
    } catch {
      return null;
    }
  }
  const positions: [number, number][] = [];
  const collect = (node: unknown): void => {
    if (!Array.isArray(node)) return;
    if (node.length >= 2 && typeof node[0] === 'number' && typeof node[1] === 'number') positions.push([node[0], node[1]]);
    else for (const child of node) collect(child);
  };
  const walk = (g: unknown): void => {
    if (!g || typeof g !== 'object') return;
    const o = g as { type?: string; coordinates?: unknown; geometry?: unknown; features?: unknown[]; geometries?: unknown[] };
    if (o.type === 'FeatureCollection') o.features?.forEach(walk);
    else if (o.type === 'Feature') walk(o.geometry);
    else if (o.type === 'GeometryCollection') o.geometries?.forEach(walk);
    else collect(o.coordinates);
  };
  walk(geo);
  return boundsOf(positions);
}

export function boundsOf(positions: readonly [number, number][]): Bounds | null {
  const valid = positions.filter(([lng, lat]) => Number.isFinite(lng) && Number.isFinite(lat));
  if (valid.length === 0) return null;
  const lngs = valid.map((p) => p[0]);
  const lats = valid.map((p) => p[1]);
  return [Math.min(...lngs), Math.min(...lats), Math.max(...lngs), Math.max(...lats)];
}

export type HomeView = { bounds: Bounds } | { center: [number, number]; zoom: number };

/** The view to open on: the home region's area, else the extent of its petitions, else Jingmen. */
export function homeView(regionShape: unknown, petitions: readonly MapPetition[]): HomeView {
  const fromShape = geoJsonBounds(regionShape);
  if (fromShape) return { bounds: fromShape };
  const fromPetitions = boundsOf(drawnPetitions(petitions).map((p) => [p.location!.lng, p.location!.lat]));
  if (fromPetitions) return { bounds: fromPetitions };
  return { center: JINGMEN_CENTER, zoom: JINGMEN_ZOOM };
}

export interface Team {
  /** The nodes covering the point, city first. */
  regions: MapLocation['regions'];
  /** The comprehensive grid's path (the deepest grid node), whose stewards serve the point. */
  gridPath: string | null;
  /** The street covering the point: places serving it are searched below it. */
  streetId: string | null;
  /** Each layer with a grid here, with its people (网格员, 专职网格员 …); layers without a grid are left out. */
  layers: MapLocation['layers'];
}

export function teamOf(location: MapLocation): Team {
  const regions = [...location.regions].sort((a, b) => levelRank(a.level) - levelRank(b.level));
  const grid = [...regions].reverse().find((r) => r.level === 'grid');
  const street = regions.find((r) => r.level === 'street');
  return { regions, gridPath: grid?.path ?? null, streetId: street?.id ?? null, layers: location.layers.filter((l) => l.grid) };
}

function levelRank(level: string): number {
  const i = LEVEL_ORDER.indexOf(level);
  return i < 0 ? LEVEL_ORDER.length : i;
}

/** Places that serve the point: those covering one of the nodes it lies in. */
export function servingPlaces(places: readonly MapPlace[], location: MapLocation): MapPlace[] {
  const ids = new Set(location.regions.map((r) => String(r.id)));
  return places.filter((p) => p.covers.some((c) => ids.has(String(c))));
}

/** Stewards by their place in the sentinel chain (班长, 组长, 哨兵), then the others, each by number. */
export function sortStewards(stewards: readonly MapSteward[]): MapSteward[] {
  const rank = (s: MapSteward) => (s.sentinelRole ? ['squad_leader', 'group_leader', 'sentinel'].indexOf(s.sentinelRole) : 3);
  return [...stewards].sort((a, b) => rank(a) - rank(b) || a.number.localeCompare(b.number));
}

/** Parses the coordinate form; null unless both are numbers on the globe. */
export function parseLatLng(lat: string, lng: string): { lat: number; lng: number } | null {
  if (lat.trim() === '' || lng.trim() === '') return null;
  const la = Number(lat);
  const ln = Number(lng);
  if (!Number.isFinite(la) || !Number.isFinite(ln) || Math.abs(la) > 90 || Math.abs(ln) > 180) return null;
  return { lat: la, lng: ln };
}
