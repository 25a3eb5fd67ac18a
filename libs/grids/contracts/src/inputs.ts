/** Inputs of the grids service: zod schemas, validated by the service's pipe before a handler runs. */
import { cursorSchema as cursor, idSchema as id, pageSizeSchema as first, regionPath } from '@gov/kernel';
import { z } from 'zod';
import { AreaGeometry, LatLng } from './geo.js';

/** Levels of the region tree, top down. Households hang off buildings (their own table). */
export const REGION_LEVELS = ['city', 'county', 'street', 'community', 'grid', 'compound', 'building'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];
/** Variants a level has in the countryside: town (镇) for street, village (村) for community, village group (村民小组/湾组) for compound. */
export const REGION_KINDS = ['district', 'county', 'street', 'town', 'community', 'village', 'grid', 'compound', 'village_group', 'building'] as const;

const code = z.string().regex(/^[a-z0-9][a-z0-9-]{0,31}$/, { message: 'lowercase letters, digits and dashes, at most 32' });
const name = z.string().trim().min(1).max(100);

export const CreateRegionInput = z.object({
  /** Null only for a city (the root); an admin of the parent creates children. */
  parentId: id.nullable(),
  code,
  name,
  kind: z.enum(REGION_KINDS).optional(),
  /** Areas (everything above a building) may have a shape; it must lie within the parent's. */
  shape: AreaGeometry.optional(),
  /** Buildings have a location instead, within the parent's shape. */
  location: LatLng.optional(),
});
export const GetRegionInput = z.object({ id });
export const RegionByPathInput = z.object({ path: regionPath });
export const RegionChildrenInput = z.object({ id, includeArchived: z.boolean().default(false), first, after: cursor });
export const UpdateRegionInput = z.object({ id, name: name.optional(), shape: AreaGeometry.optional(), location: LatLng.optional() });
export const MoveRegionInput = z.object({ id, newParentId: id });
export const ArchiveRegionInput = z.object({ id });
export const SubtreeCountInput = z.object({ id });
export const LocateInput = LatLng;

const layerKey = z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, { message: 'lowercase letters, digits and underscores' });
export const CreateLayerInput = z.object({
  key: layerKey,
  name,
  nameZh: name,
  staffRole: layerKey,
  staffTitleZh: name,
});
export const CreateLayerGridInput = z.object({ layerKey, code, name, region: regionPath, shape: AreaGeometry });
export const AssignStaffInput = z.object({
  layerKey,
  /** A grid node of the tree (comprehensive layer) or a layer grid (any other layer). */
  gridId: id,
  personId: id,
  name,
});
export const EndStaffInput = z.object({ id });

export type CreateRegionInput = z.infer<typeof CreateRegionInput>;
export type GetRegionInput = z.infer<typeof GetRegionInput>;
export type RegionChildrenInput = z.input<typeof RegionChildrenInput>;
export type UpdateRegionInput = z.infer<typeof UpdateRegionInput>;
export type MoveRegionInput = z.infer<typeof MoveRegionInput>;
export type CreateLayerInput = z.infer<typeof CreateLayerInput>;
export type CreateLayerGridInput = z.infer<typeof CreateLayerGridInput>;
export type AssignStaffInput = z.infer<typeof AssignStaffInput>;
