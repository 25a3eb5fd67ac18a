/**
 * Import and export of the territory (GeoJSON), and vector tiles of it (issue 8 item 6).
 *
 * Import: a GeoJSON FeatureCollection whose features carry `properties: { path, name, kind?,
 * level? }` and a Polygon/MultiPolygon (areas) or Point (buildings) geometry, optionally with
 * households as CSV (`building_path,number`). Everything is validated first; the report lists
 * every problem per feature (index and path) or CSV line; only a file without errors is written,
 * all of it in one transaction (`dryRun: true` only reports).
 *
 * Size: the request travels as one NATS message, which the services' transport refuses above
 * MAX_RPC_PAYLOAD_BYTES (256 KB, @gov/platform-messaging; the NATS server's own limit is 1 MB).
 * The file and the CSV together may have at most IMPORT_MAX_BYTES (UTF-8), which leaves room for
 * the JSON escaping of the string; a county's territory is imported street by street (or
 * community by community), parents first — a later file names the parents an earlier one made.
 */
import { idSchema as id } from '@gov/kernel';
import { z } from 'zod';

/** Features one import may hold. */
export const IMPORT_MAX_FEATURES = 20_000;
/** UTF-8 bytes of the GeoJSON and the CSV together (see the size note above). */
export const IMPORT_MAX_BYTES = 200 * 1024;
/** Households one import may hold. */
export const IMPORT_MAX_HOUSEHOLDS = 20_000;
/** Problems a report lists (its counts are complete). */
export const IMPORT_MAX_PROBLEMS = 1_000;
/** Features validated and written per statement; a `progress` log line follows each batch. */
export const IMPORT_BATCH = 1_000;
/** A gap in a community's grids smaller than this (m²) is rounding, not a gap. */
export const IMPORT_GAP_TOLERANCE_M2 = 1;
/** Features one export may hold. */
export const EXPORT_MAX_FEATURES = 5_000;
/** Characters of one export's JSON (a NATS reply is 1 MB at most). */
export const EXPORT_MAX_BYTES = 900 * 1024;
/** Deepest zoom a tile is served for. */
export const TILE_MAX_ZOOM = 22;
/** Bytes of one tile (sent base64-encoded in a NATS reply of 1 MB at most). */
export const TILE_MAX_BYTES = 512 * 1024;
/** The tile layer of the region tree; every other tile layer is a grid layer's key. */
export const REGIONS_TILE_LAYER = 'regions';

/**
 * Reasons (`AppError.reason`) of refused calls (VALIDATION unless said otherwise). A file that is
 * well-formed but has problems is not refused: the report lists them and nothing is written.
 */
export const TerritoryIoErrorReason = {
  /** The GeoJSON and CSV together exceed IMPORT_MAX_BYTES: split the file per street. */
  importTooLarge: 'IMPORT_TOO_LARGE',
  /** More than IMPORT_MAX_FEATURES features (or IMPORT_MAX_HOUSEHOLDS households). */
  tooManyFeatures: 'IMPORT_TOO_MANY_FEATURES',
  /** Not JSON, or not a GeoJSON FeatureCollection. */
  notGeojson: 'IMPORT_NOT_GEOJSON',
  /** The CSV has no `building_path,number` header. */
  badCsv: 'IMPORT_BAD_CSV',
  /** (CONFLICT) Someone created one of the paths since validation: run the import again. */
  conflict: 'IMPORT_CONFLICT',
  /** The subtree has more than EXPORT_MAX_FEATURES nodes or EXPORT_MAX_BYTES of JSON: export its streets or communities. */
  exportTooLarge: 'EXPORT_TOO_LARGE',
  /** z outside 0..TILE_MAX_ZOOM, or x/y outside 0..2^z-1. */
  tileOutOfRange: 'TILE_OUT_OF_RANGE',
  /** The tile would exceed TILE_MAX_BYTES: zoom in. */
  tileTooLarge: 'TILE_TOO_LARGE',
} as const;

/**
 * Codes of the problems a report lists. Errors stop the import; warnings (`GAP`) do not.
 * - NOT_A_FEATURE, BAD_PROPERTIES, BAD_PATH, BAD_GEOMETRY: the feature's structure;
 * - INVALID_GEOMETRY: PostGIS's reason (ST_IsValidReason), e.g. a self-intersection;
 * - DUPLICATE_PATH: the path appears earlier in the file; ALREADY_EXISTS: the path is in the tree;
 * - UNKNOWN_PARENT: the parent is neither in the tree nor earlier in the file; PARENT_ARCHIVED;
 * - LEVEL_NOT_ALLOWED: the level (asked or implied) cannot stand under the parent's level;
 * - WRONG_GEOMETRY: a point for an area or an area for a building;
 * - OUTSIDE_PARENT: the shape (point) is not within the parent's shape;
 * - OVERLAP: two sibling grids share more than a boundary (`areaM2`: the overlap);
 * - GAP (warning): a community's grids leave part of it uncovered (`areaM2`: the uncovered area);
 * - BAD_CSV_ROW, UNKNOWN_BUILDING, DUPLICATE_HOUSEHOLD: households CSV lines.
 */
export type ImportProblemCode =
  | 'NOT_A_FEATURE'
  | 'BAD_PROPERTIES'
  | 'BAD_PATH'
  | 'BAD_GEOMETRY'
  | 'INVALID_GEOMETRY'
  | 'DUPLICATE_PATH'
  | 'ALREADY_EXISTS'
  | 'UNKNOWN_PARENT'
  | 'PARENT_ARCHIVED'
  | 'LEVEL_NOT_ALLOWED'
  | 'WRONG_GEOMETRY'
  | 'OUTSIDE_PARENT'
  | 'OVERLAP'
  | 'GAP'
  | 'BAD_CSV_ROW'
  | 'UNKNOWN_BUILDING'
  | 'DUPLICATE_HOUSEHOLD';

export const ImportRegionsInput = z.object({
  /** A GeoJSON FeatureCollection as text (see the size note above). */
  geojson: z.string().min(1),
  /** Households as CSV: a `building_path,number` header, then one household a line. */
  householdsCsv: z.string().nullish(),
  /** Validate and report only: nothing is written. */
  dryRun: z.boolean().nullish().transform((v) => v ?? false),
});
export const ExportRegionsInput = z.object({ regionId: id });
export const TileInput = z.object({
  /** `regions` (the tree) or a grid layer's key. */
  layer: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, { message: 'regions or a grid layer key' }),
  z: z.number().int(),
  x: z.number().int(),
  y: z.number().int(),
});

export type ImportRegionsInput = z.input<typeof ImportRegionsInput>;
export type ExportRegionsInput = z.infer<typeof ExportRegionsInput>;
export type TileInput = z.infer<typeof TileInput>;

export interface ImportProblemView {
  /** The feature's index in the file (0-based), or null for a CSV line. */
  index: number | null;
  /** The CSV line (1-based, the header is line 1), or null for a feature. */
  line: number | null;
  /** The feature's path (or the CSV line's building path) when it has one. */
  path: string | null;
  severity: 'error' | 'warning';
  code: ImportProblemCode;
  message: string;
  /** OVERLAP and GAP: the area concerned in m². */
  areaM2: number | null;
  /** OVERLAP: the other feature's (or existing node's) path. */
  otherPath: string | null;
}

export interface ImportLevelCount {
  level: string;
  count: number;
}

/** What an import found and did. */
export interface ImportReportView {
  dryRun: boolean;
  /** True only when everything was written (no errors, not a dry run). */
  committed: boolean;
  /** Features in the file. */
  features: number;
  /** Household lines in the CSV. */
  householdRows: number;
  /** Valid nodes by level (those written, when committed). */
  byLevel: ImportLevelCount[];
  regionsCreated: number;
  householdsCreated: number;
  errors: number;
  warnings: number;
  /** At most IMPORT_MAX_PROBLEMS, errors first; `problemsTruncated` says when more were found. */
  problems: ImportProblemView[];
  problemsTruncated: boolean;
}

/** A node of the tree as an exported feature's properties. */
export interface ExportFeatureProperties {
  path: string;
  name: string;
  level: string;
  kind: string | null;
  code: string;
}

/** A GeoJSON FeatureCollection of a subtree, parents before children (importable as it is). */
export interface RegionFeatureCollection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; properties: ExportFeatureProperties; geometry: unknown | null }[];
}

/** One Mapbox vector tile (EPSG:3857, extent 4096). */
export interface TileView {
  layer: string;
  z: number;
  x: number;
  y: number;
  /** The tile's protobuf bytes, base64; empty when the tile has no feature. */
  mvt: string;
  bytes: number;
  features: number;
}
