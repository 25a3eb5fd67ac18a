/** GeoJSON (RFC 7946, WGS 84) as the grids service takes it: positions checked here, topology by PostGIS. */
import { z } from 'zod';

/** Vertices one shape may have: a county's boundary fits, a pasted OpenStreetMap dump does not. */
export const MAX_SHAPE_VERTICES = 20_000;

const lng = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
export const Position = z.tuple([lng, lat]).rest(z.number());
const Ring = z.array(Position).min(4, { message: 'a ring needs at least 4 positions (closed)' });
const PolygonCoords = z.array(Ring).min(1);

export const PolygonGeometry = z.object({ type: z.literal('Polygon'), coordinates: PolygonCoords });
export const MultiPolygonGeometry = z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(PolygonCoords).min(1) });
export const AreaGeometry = z
  .discriminatedUnion('type', [PolygonGeometry, MultiPolygonGeometry])
  .refine((g) => JSON.stringify(g.coordinates).split(',').length / 2 <= MAX_SHAPE_VERTICES, { message: `at most ${MAX_SHAPE_VERTICES} vertices` });
export type AreaGeometry = z.infer<typeof AreaGeometry>;

export const LatLng = z.object({ lat, lng });
export type LatLng = z.infer<typeof LatLng>;
