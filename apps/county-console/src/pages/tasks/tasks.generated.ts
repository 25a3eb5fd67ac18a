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

/** epidemic 疫情, flood 防汛, fire 火灾, earthquake 地震. */
export type EmergencyType =
  | 'earthquake'
  | 'epidemic'
  | 'fire'
  | 'flood';

export type LatLngInput = {
  lat: number;
  lng: number;
};

/** sentinel_post 哨点, steward_studio 红管家工作室, steward_station 红管家驿站, market 市场, back_street 背街小巷, party_mass_centre 党群服务中心, office 社区/村办公室 (geocoded, for check-ins). */
export type PlaceKind =
  | 'back_street'
  | 'market'
  | 'office'
  | 'party_mass_centre'
  | 'sentinel_post'
  | 'steward_station'
  | 'steward_studio';

export type PlaceNearInput = {
  lat: number;
  lng: number;
  /** At most 5000 m. */
  radiusM: number;
};

export type PublishTaskInput = {
  /** 1–1000 stewards. */
  capacity: number;
  /** ISO 8601 with offset, in the future. */
  deadline: string;
  /** At most 2000 characters. */
  description?: string | null | undefined;
  /** Required for emergency tasks, absent otherwise. */
  emergencyType?: EmergencyType | null | undefined;
  /** Micro-wishes are posted with postMicroWish. */
  kind: TaskKind;
  location: LatLngInput;
  /** A place in the task's region whose check-in radius applies. */
  placeId?: string | number | null | undefined;
  /** Within the kind’s range: dispatched 5–20, emergency 5–40. */
  points: number;
  /** The node the task sits at. */
  region: string;
  /** Steward classes 1–6 that may claim; none: any. */
  requiredClasses?: Array<number> | null | undefined;
  /** 1–100 characters. */
  title: string;
};

/** COMMUNITY: stewards of a community (社区内); CLASS: stewards of one number class (同号段) in a county or community; UNIT: colleagues of a unit (单位内). */
export type RankingScope =
  | 'CLASS'
  | 'COMMUNITY'
  | 'UNIT';

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

/** A unit's quarter by its county's score lines: excellent 优秀, good 良好, pass 合格, fail 不合格. */
export type UnitTier =
  | 'excellent'
  | 'fail'
  | 'good'
  | 'pass';

export type TasksListQueryVariables = Exact<{
  search: Types.TaskSearchInput;
}>;


export type TasksListQuery = { tasksNear: Array<{ id: string, title: string, kind: Types.TaskKind, emergencyType: Types.EmergencyType | null, status: Types.TaskStatus, region: string, points: number, capacity: number, claimed: number, deadline: string, createdAt: string }> };

export type TasksPublishMutationVariables = Exact<{
  input: Types.PublishTaskInput;
}>;


export type TasksPublishMutation = { publishTask: { id: string, title: string, status: Types.TaskStatus } };

export type TasksPlacesQueryVariables = Exact<{
  regionId: string | number;
  near: Types.PlaceNearInput;
}>;


export type TasksPlacesQuery = { places: Array<{ id: string, name: string, kind: Types.PlaceKind, distanceM: number | null }> };

export type TasksRegionByPathQueryVariables = Exact<{
  region: string;
}>;


export type TasksRegionByPathQuery = { regionByPath: { id: string, path: string, name: string } };

export type TasksChildRegionsQueryVariables = Exact<{
  id: string | number;
}>;


export type TasksChildRegionsQuery = { regionChildren: { items: Array<{ path: string, name: string, level: string }> } };

export type TasksRankingsQueryVariables = Exact<{
  period: string;
  scope: Types.RankingScope;
  region?: string | null | undefined;
  class?: number | null | undefined;
  unitId?: string | number | null | undefined;
  after?: string | null | undefined;
}>;


export type TasksRankingsQuery = { rankings: { items: Array<{ rank: number, number: string, points: number, period: string, stewardId: string }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type TasksUnitsQueryVariables = Exact<{
  region?: string | null | undefined;
}>;


export type TasksUnitsQuery = { units: { items: Array<{ id: string, name: string, code: string }> } };

export type TasksUnitTiersQueryVariables = Exact<{
  quarter: string;
  region: string;
  after?: string | null | undefined;
}>;


export type TasksUnitTiersQuery = { unitTiers: { quarter: string, region: string, counts: { excellent: number, good: number, pass: number, fail: number }, lines: { excellent: number, good: number, pass: number } | null, underPass: Array<{ unitId: string, name: string, score: number }>, units: { items: Array<{ unitId: string, rank: number, name: string, region: string, members: number, points: number, score: number, tier: Types.UnitTier }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } } };

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

export const TasksListDocument = new TypedDocumentString(`
    query TasksList($search: TaskSearchInput!) {
  tasksNear(search: $search) {
    id
    title
    kind
    emergencyType
    status
    region
    points
    capacity
    claimed
    deadline
    createdAt
  }
}
    `) as unknown as TypedDocumentString<TasksListQuery, TasksListQueryVariables>;
export const TasksPublishDocument = new TypedDocumentString(`
    mutation TasksPublish($input: PublishTaskInput!) {
  publishTask(input: $input) {
    id
    title
    status
  }
}
    `) as unknown as TypedDocumentString<TasksPublishMutation, TasksPublishMutationVariables>;
export const TasksPlacesDocument = new TypedDocumentString(`
    query TasksPlaces($regionId: ID!, $near: PlaceNearInput!) {
  places(regionId: $regionId, near: $near, first: 20) {
    id
    name
    kind
    distanceM
  }
}
    `) as unknown as TypedDocumentString<TasksPlacesQuery, TasksPlacesQueryVariables>;
export const TasksRegionByPathDocument = new TypedDocumentString(`
    query TasksRegionByPath($region: String!) {
  regionByPath(region: $region) {
    id
    path
    name
  }
}
    `) as unknown as TypedDocumentString<TasksRegionByPathQuery, TasksRegionByPathQueryVariables>;
export const TasksChildRegionsDocument = new TypedDocumentString(`
    query TasksChildRegions($id: ID!) {
  regionChildren(id: $id, first: 100) {
    items {
      path
      name
      level
    }
  }
}
    `) as unknown as TypedDocumentString<TasksChildRegionsQuery, TasksChildRegionsQueryVariables>;
export const TasksRankingsDocument = new TypedDocumentString(`
    query TasksRankings($period: String!, $scope: RankingScope!, $region: String, $class: Int, $unitId: ID, $after: String) {
  rankings(
    period: $period
    scope: $scope
    region: $region
    class: $class
    unitId: $unitId
    first: 50
    after: $after
  ) {
    items {
      rank
      number
      points
      period
      stewardId
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<TasksRankingsQuery, TasksRankingsQueryVariables>;
export const TasksUnitsDocument = new TypedDocumentString(`
    query TasksUnits($region: String) {
  units(region: $region, first: 100) {
    items {
      id
      name
      code
    }
  }
}
    `) as unknown as TypedDocumentString<TasksUnitsQuery, TasksUnitsQueryVariables>;
export const TasksUnitTiersDocument = new TypedDocumentString(`
    query TasksUnitTiers($quarter: String!, $region: String!, $after: String) {
  unitTiers(quarter: $quarter, region: $region, first: 50, after: $after) {
    quarter
    region
    counts {
      excellent
      good
      pass
      fail
    }
    lines {
      excellent
      good
      pass
    }
    underPass {
      unitId
      name
      score
    }
    units {
      items {
        unitId
        rank
        name
        region
        members
        points
        score
        tier
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TasksUnitTiersQuery, TasksUnitTiersQueryVariables>;