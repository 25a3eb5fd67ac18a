/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type * as Types from '../../api/schema-types.js';

import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type BoundingBoxInput = {
  east: number;
  north: number;
  south: number;
  west: number;
};

/** submitted → screened → assigned → accepted → in_progress → resolved → closed (发现—甄别—交办—办理—督办—评价). Screening may end it instead: merged (a duplicate), invalid, not_responsible, referred. */
export type PetitionState =
  | 'accepted'
  | 'assigned'
  | 'closed'
  | 'in_progress'
  | 'invalid'
  | 'merged'
  | 'not_responsible'
  | 'referred'
  | 'resolved'
  | 'screened'
  | 'submitted';

/** sentinel_post 哨点, steward_studio 红管家工作室, steward_station 红管家驿站, market 市场, back_street 背街小巷, party_mass_centre 党群服务中心, office 社区/村办公室 (geocoded, for check-ins). */
export type PlaceKind =
  | 'back_street'
  | 'market'
  | 'office'
  | 'party_mass_centre'
  | 'sentinel_post'
  | 'steward_station'
  | 'steward_studio';

/** Place in the sentinel chain (哨兵—组长—班长). */
export type SentinelRole =
  | 'group_leader'
  | 'sentinel'
  | 'squad_leader';

export type StewardFilter = {
  class?: number | null | undefined;
  region?: string | null | undefined;
  unitId?: string | number | null | undefined;
};

/** annual_duty 年度任务, dispatched 派单任务 (5–20 points), emergency 应急任务 (5–40 points), micro_wish 微心愿. */
export type TaskKind =
  | 'annual_duty'
  | 'dispatched'
  | 'emergency'
  | 'micro_wish';

export type TaskNearInput = {
  lat: number;
  lng: number;
  /** At most 20,000 m. */
  radiusM: number;
};

export type TaskSearchInput = {
  bbox?: BoundingBoxInput | null | undefined;
  /** 1–100, default 20. */
  first?: number | null | undefined;
  kinds?: Array<TaskKind> | null | undefined;
  near?: TaskNearInput | null | undefined;
  /** A region subtree. */
  region?: string | null | undefined;
  /** Default: published. */
  statuses?: Array<TaskStatus> | null | undefined;
  /** Only tasks this steward class may claim. */
  stewardClass?: number | null | undefined;
};

/** published (open for claims), closed (every place verified), cancelled, expired. */
export type TaskStatus =
  | 'cancelled'
  | 'closed'
  | 'expired'
  | 'published';

export type MapHomeRegionQueryVariables = Exact<{
  path: string;
}>;


export type MapHomeRegionQuery = { regionByPath: { id: string, name: string, path: string, level: string, shape: unknown } };

export type MapGridLayersQueryVariables = Exact<{ [key: string]: never; }>;


export type MapGridLayersQuery = { gridLayers: Array<{ key: string, nameZh: string, staffTitleZh: string }> };

export type MapPetitionsQueryVariables = Exact<{
  region: string;
  states?: Array<Types.PetitionState> | Types.PetitionState | null | undefined;
  first?: number | null | undefined;
}>;


export type MapPetitionsQuery = { petitions: { items: Array<{ id: string, title: string, state: Types.PetitionState, overdue: boolean, priority: number, categoryNameZh: string, region: string, deadline: string, location: { lat: number, lng: number } | null }> } };

export type MapTasksQueryVariables = Exact<{
  search: Types.TaskSearchInput;
}>;


export type MapTasksQuery = { tasksNear: Array<{ id: string, title: string, kind: Types.TaskKind, status: Types.TaskStatus, points: number, capacity: number, claimed: number, deadline: string, region: string, location: { lat: number, lng: number } }> };

export type MapPlacesQueryVariables = Exact<{
  regionId: string | number;
  kinds?: Array<Types.PlaceKind> | Types.PlaceKind | null | undefined;
  first?: number | null | undefined;
}>;


export type MapPlacesQuery = { places: Array<{ id: string, name: string, kind: Types.PlaceKind, region: string, covers: Array<string>, contactPhone: string | null, openingHours: string | null, location: { lat: number, lng: number } }> };

export type MapLocateQueryVariables = Exact<{
  lat: number;
  lng: number;
}>;


export type MapLocateQuery = { locate: { lat: number, lng: number, regions: Array<{ id: string, name: string, level: string, path: string, code: string }>, layers: Array<{ layer: { key: string, nameZh: string, staffTitleZh: string }, grid: { id: string, code: string, name: string, region: string } | null, staff: Array<{ id: string, name: string, titleZh: string, role: string }> }> } };

export type MapGridStewardsQueryVariables = Exact<{
  filter: Types.StewardFilter;
  first?: number | null | undefined;
}>;


export type MapGridStewardsQuery = { stewards: { items: Array<{ id: string, number: string, class: number, sentinelRole: Types.SentinelRole | null, grid: string, person: { name: string } | null }> } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const MapHomeRegionDocument = new TypedDocumentString(`
    query MapHomeRegion($path: String!) {
  regionByPath(region: $path) {
    id
    name
    path
    level
    shape
  }
}
    `) as unknown as TypedDocumentString<MapHomeRegionQuery, MapHomeRegionQueryVariables>;
export const MapGridLayersDocument = new TypedDocumentString(`
    query MapGridLayers {
  gridLayers {
    key
    nameZh
    staffTitleZh
  }
}
    `) as unknown as TypedDocumentString<MapGridLayersQuery, MapGridLayersQueryVariables>;
export const MapPetitionsDocument = new TypedDocumentString(`
    query MapPetitions($region: String!, $states: [PetitionState!], $first: Int) {
  petitions(region: $region, states: $states, first: $first) {
    items {
      id
      title
      state
      overdue
      priority
      categoryNameZh
      region
      deadline
      location {
        lat
        lng
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MapPetitionsQuery, MapPetitionsQueryVariables>;
export const MapTasksDocument = new TypedDocumentString(`
    query MapTasks($search: TaskSearchInput!) {
  tasksNear(search: $search) {
    id
    title
    kind
    status
    points
    capacity
    claimed
    deadline
    region
    location {
      lat
      lng
    }
  }
}
    `) as unknown as TypedDocumentString<MapTasksQuery, MapTasksQueryVariables>;
export const MapPlacesDocument = new TypedDocumentString(`
    query MapPlaces($regionId: ID!, $kinds: [PlaceKind!], $first: Int) {
  places(regionId: $regionId, kinds: $kinds, first: $first) {
    id
    name
    kind
    region
    covers
    contactPhone
    openingHours
    location {
      lat
      lng
    }
  }
}
    `) as unknown as TypedDocumentString<MapPlacesQuery, MapPlacesQueryVariables>;
export const MapLocateDocument = new TypedDocumentString(`
    query MapLocate($lat: Float!, $lng: Float!) {
  locate(lat: $lat, lng: $lng) {
    lat
    lng
    regions {
      id
      name
      level
      path
      code
    }
    layers {
      layer {
        key
        nameZh
        staffTitleZh
      }
      grid {
        id
        code
        name
        region
      }
      staff {
        id
        name
        titleZh
        role
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MapLocateQuery, MapLocateQueryVariables>;
export const MapGridStewardsDocument = new TypedDocumentString(`
    query MapGridStewards($filter: StewardFilter!, $first: Int) {
  stewards(filter: $filter, first: $first) {
    items {
      id
      number
      class
      sentinelRole
      grid
      person {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MapGridStewardsQuery, MapGridStewardsQueryVariables>;