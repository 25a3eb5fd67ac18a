/** The structural half of an import: the file's JSON and CSV read into features and rows, no I/O. */
import { AppError, regionPath } from '@gov/kernel';
import {
  AreaGeometry,
  IMPORT_MAX_BYTES,
  IMPORT_MAX_FEATURES,
  IMPORT_MAX_HOUSEHOLDS,
  Position,
  REGION_KINDS,
  REGION_LEVELS,
  TerritoryIoErrorReason,
  householdNumber,
  type RegionLevel,
} from '@gov/grids-contracts';
import { z } from 'zod';
import type { ImportReport } from './import-report.js';

/** A feature whose structure is sound. */
export interface ParsedFeature {
  idx: number;
  path: string;
  parentPath: string | null;
  code: string;
  name: string;
  kind: string | null;
  /** The level the file asks for, if any. */
  level: RegionLevel | null;
  geometryType: 'area' | 'point' | null;
  /** GeoJSON text of the geometry. */
  geometry: string | null;
}

export interface HouseholdRow {
  line: number;
  buildingPath: string;
  number: string;
}

const Properties = z.object({
  path: regionPath,
  name: z.string().trim().min(1).max(100),
  kind: z.enum(REGION_KINDS).nullish(),
  level: z.enum(REGION_LEVELS).nullish(),
});
const PointGeometry = z.object({ type: z.literal('Point'), coordinates: Position });

/** The request's size and shape: refused as a whole (coded) before anything is read further. */
export function readCollection(geojson: string, csv: string | null | undefined): { features: unknown[]; rows: HouseholdRow[] | null } {
  const bytes = Buffer.byteLength(geojson) + Buffer.byteLength(csv ?? '');
  if (bytes > IMPORT_MAX_BYTES) {
    throw new AppError('VALIDATION', `the file has ${bytes} bytes, at most ${IMPORT_MAX_BYTES} are taken in one import: split it per street or community`, TerritoryIoErrorReason.importTooLarge, [
      { path: 'geojson', message: `at most ${IMPORT_MAX_BYTES} bytes with the CSV` },
    ]);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(geojson);
  } catch {
    throw notGeojson('not JSON');
  }
  const features = (doc as { type?: unknown; features?: unknown })?.type === 'FeatureCollection' ? (doc as { features?: unknown }).features : undefined;
  if (!Array.isArray(features)) throw notGeojson('not a GeoJSON FeatureCollection');
  if (features.length > IMPORT_MAX_FEATURES) {
    throw new AppError('VALIDATION', `${features.length} features, at most ${IMPORT_MAX_FEATURES} in one import`, TerritoryIoErrorReason.tooManyFeatures, [
      { path: 'geojson', message: `at most ${IMPORT_MAX_FEATURES} features` },
    ]);
  }
  const rows = csv && csv.trim() ? readCsv(csv) : null;
  return { features, rows };
}

/** One feature, or null with its problems in the report. */
export function parseFeature(raw: unknown, idx: number, report: ImportReport): ParsedFeature | null {
  const f = raw as { type?: unknown; properties?: unknown; geometry?: unknown } | null;
  if (!f || typeof f !== 'object' || f.type !== 'Feature') {
    report.error('NOT_A_FEATURE', 'not a GeoJSON Feature', { index: idx });
    return null;
  }
  const props = Properties.safeParse(f.properties ?? {});
  const path = typeof (f.properties as { path?: unknown } | null)?.path === 'string' ? ((f.properties as { path: string }).path as string) : null;
  if (!props.success) {
    for (const issue of props.error.issues) {
      const field = issue.path.join('.') || 'properties';
      report.error(field === 'path' ? 'BAD_PATH' : 'BAD_PROPERTIES', `${field}: ${issue.message}`, { index: idx, path });
    }
    return null;
  }
  const p = props.data;
  let geometryType: ParsedFeature['geometryType'] = null;
  if (f.geometry !== null && f.geometry !== undefined) {
    const type = (f.geometry as { type?: unknown }).type;
    const parsed = type === 'Point' ? PointGeometry.safeParse(f.geometry) : AreaGeometry.safeParse(f.geometry);
    if (!parsed.success) {
      report.error('BAD_GEOMETRY', `geometry: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'geometry'} ${i.message}`).join('; ')}`, { index: idx, path: p.path });
      return null;
    }
    if (type !== 'Point' && !ringsClosed(parsed.data as AreaGeometry)) {
      report.error('BAD_GEOMETRY', 'geometry: every ring must end where it starts', { index: idx, path: p.path });
      return null;
    }
    geometryType = type === 'Point' ? 'point' : 'area';
  }
  const segments = p.path.split('/');
  return {
    idx,
    path: p.path,
    parentPath: segments.length > 1 ? segments.slice(0, -1).join('/') : null,
    code: segments.at(-1)!,
    name: p.name,
    kind: p.kind ?? null,
    level: p.level ?? null,
    geometryType,
    geometry: geometryType ? JSON.stringify(f.geometry) : null,
  };
}

/** A household row's number, normalised as registration does (HouseholdService), or null with the problem reported. */
export function parseHouseholdNumber(row: HouseholdRow, report: ImportReport): string | null {
  const n = householdNumber.safeParse(row.number);
  if (!n.success) {
    report.error('BAD_CSV_ROW', `number: ${n.error.issues[0]?.message ?? 'invalid'}`, { line: row.line, path: row.buildingPath });
    return null;
  }
  return n.data;
}

/** `building_path,number` lines (a header first); quotes around a field are dropped. */
function readCsv(csv: string): HouseholdRow[] {
  const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsv(lines[0] ?? '').map((h) => h.toLowerCase());
  if (header[0] !== 'building_path' || header[1] !== 'number') {
    throw new AppError('VALIDATION', 'householdsCsv must start with the header building_path,number', TerritoryIoErrorReason.badCsv, [
      { path: 'householdsCsv', message: 'header building_path,number' },
    ]);
  }
  const rows: HouseholdRow[] = [];
  lines.slice(1).forEach((text, i) => {
    if (!text.trim()) return;
    const [buildingPath = '', number = ''] = splitCsv(text);
    rows.push({ line: i + 2, buildingPath, number });
  });
  if (rows.length > IMPORT_MAX_HOUSEHOLDS) {
    throw new AppError('VALIDATION', `${rows.length} households, at most ${IMPORT_MAX_HOUSEHOLDS} in one import`, TerritoryIoErrorReason.tooManyFeatures, [
      { path: 'householdsCsv', message: `at most ${IMPORT_MAX_HOUSEHOLDS} rows` },
    ]);
  }
  return rows;
}

function splitCsv(line: string): string[] {
  return line.split(',').map((c) => c.trim().replace(/^"(.*)"$/, '$1').trim());
}

function ringsClosed(g: AreaGeometry): boolean {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  return polygons.every((rings) => rings.every((ring) => ring[0]![0] === ring.at(-1)![0] && ring[0]![1] === ring.at(-1)![1]));
}

function notGeojson(why: string): AppError {
  return new AppError('VALIDATION', `geojson: ${why}`, TerritoryIoErrorReason.notGeojson, [{ path: 'geojson', message: 'a GeoJSON FeatureCollection' }]);
}
