/** Places on the map (哨点, 红管家工作室/驿站, 市场, 背街小巷, 党群服务中心, 社区/村办公室): inputs and views. */
import { idSchema as id, pageSizeSchema as first } from '@gov/kernel';
import { z } from 'zod';
import { LatLng } from './geo.js';

export const PLACE_KINDS = ['sentinel_post', 'steward_studio', 'steward_station', 'market', 'back_street', 'party_mass_centre', 'office'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

/** Largest radius of a "near" search, metres. */
export const MAX_NEAR_RADIUS_M = 5000;
/** Nodes one place may cover. */
export const MAX_PLACE_COVERS = 100;

/**
 * An office phone: a landline with its area code (0724-2345678, 07242345678, extension after a
 * dash: 0724-2345678-123), an 11-digit mobile number, or a 5-digit service line (12345).
 */
export const officePhone = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s()]/g, ''))
  .refine((s) => /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(s) || /^1[3-9]\d{9}$/.test(s) || /^1\d{4}$/.test(s), {
    message: 'must be a landline with area code (0724-2345678), a mobile number or a 5-digit service line',
  });

export const CreatePlaceInput = z.object({
  kind: z.enum(PLACE_KINDS),
  name: z.string().trim().min(1).max(100),
  /** The node the place sits in; the location must lie within its shape when it has one. */
  regionId: id,
  location: LatLng,
  contactPhone: officePhone.nullish().transform((v) => v ?? null),
  openingHours: z
    .string()
    .trim()
    .max(100)
    .nullish()
    .transform((v) => (v ? v : null)),
  /** The nodes the place serves (a sentinel post's patch), all in the place's county. */
  covers: z
    .array(id)
    .max(MAX_PLACE_COVERS)
    .default([])
    .transform((ids) => [...new Set(ids)]),
});

export const NearInput = z.object({ lat: LatLng.shape.lat, lng: LatLng.shape.lng, radiusM: z.number().positive().max(MAX_NEAR_RADIUS_M) });

export const ListPlacesInput = z.object({
  /** Places in this node's subtree. */
  regionId: id,
  kinds: z.array(z.enum(PLACE_KINDS)).min(1).nullish().transform((v) => v ?? null),
  /** Only places within radiusM of the point, nearest first. */
  near: NearInput.nullish().transform((v) => v ?? null),
  first,
});

export type CreatePlaceInput = z.input<typeof CreatePlaceInput>;
export type ListPlacesInput = z.input<typeof ListPlacesInput>;
export type NearInput = z.infer<typeof NearInput>;

export interface PlaceView {
  id: string;
  kind: PlaceKind;
  name: string;
  regionId: string;
  /** The region path of the node it sits in. */
  region: string;
  location: { lat: number; lng: number };
  contactPhone: string | null;
  openingHours: string | null;
  /** Ids of the nodes the place covers. */
  covers: string[];
  /** Metres from the `near` point of a search; null otherwise. */
  distanceM: number | null;
  createdAt: string;
}
