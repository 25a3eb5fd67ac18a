/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type * as Types from '../../api/schema-types.js';

import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** How rows are grouped (分组): organisation (by mediation organisation), region (by the next region level down), category (by dispute category), month (by month opened, YYYY-MM). */
export type MediationStatsGrouping =
  | 'category'
  | 'month'
  | 'organisation'
  | 'region';

export type StatsPetitionQueryVariables = Exact<{
  region: string;
  from: string;
  to: string;
}>;


export type StatsPetitionQuery = { petitionStats: { region: string, from: string, to: string, intake: number, closed: number, onTimeClosureRate: number | null, averageHandlingDays: number | null, responseRate: number | null, resolutionRate: number | null, satisfactionRate: number | null, averageRating: number | null, overdueOpen: number, escalated: number, whistles: number, whistlesLate: number, byChannel: Array<{ key: string, labelZh: string, count: number }>, byCategory: Array<{ key: string, labelZh: string, count: number }>, departments: Array<{ departmentId: string, departmentName: string, assigned: number, closed: number, onTimeRate: number | null, satisfactionRate: number | null, averageHandlingDays: number | null }> } };

export type StatsRatesQueryVariables = Exact<{
  region: string;
  from: string;
  to: string;
}>;


export type StatsRatesQuery = { petitionStats: { region: string, from: string, to: string, intake: number, closed: number, responseRate: number | null, resolutionRate: number | null, satisfactionRate: number | null } };

export type StatsMediationQueryVariables = Exact<{
  region: string;
  from: string;
  to: string;
}>;


export type StatsMediationQuery = { mediationStats: { from: string, to: string, groupBy: Types.MediationStatsGrouping, totals: { taken: number, resolved: number, failed: number, open: number, successRate: number | null }, rows: Array<{ key: string, label: string, taken: number, resolved: number, failed: number, open: number, successRate: number | null }> } };

export type StatsRegionQueryVariables = Exact<{
  region: string;
}>;


export type StatsRegionQuery = { regionByPath: { id: string, name: string, path: string, level: string } };

export type StatsRegionChildrenQueryVariables = Exact<{
  id: string | number;
}>;


export type StatsRegionChildrenQuery = { regionChildren: { items: Array<{ id: string, name: string, path: string, level: string, archived: boolean }> } };

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

export const StatsPetitionDocument = new TypedDocumentString(`
    query StatsPetition($region: String!, $from: String!, $to: String!) {
  petitionStats(region: $region, from: $from, to: $to) {
    region
    from
    to
    intake
    closed
    onTimeClosureRate
    averageHandlingDays
    responseRate
    resolutionRate
    satisfactionRate
    averageRating
    overdueOpen
    escalated
    whistles
    whistlesLate
    byChannel {
      key
      labelZh
      count
    }
    byCategory {
      key
      labelZh
      count
    }
    departments {
      departmentId
      departmentName
      assigned
      closed
      onTimeRate
      satisfactionRate
      averageHandlingDays
    }
  }
}
    `) as unknown as TypedDocumentString<StatsPetitionQuery, StatsPetitionQueryVariables>;
export const StatsRatesDocument = new TypedDocumentString(`
    query StatsRates($region: String!, $from: String!, $to: String!) {
  petitionStats(region: $region, from: $from, to: $to) {
    region
    from
    to
    intake
    closed
    responseRate
    resolutionRate
    satisfactionRate
  }
}
    `) as unknown as TypedDocumentString<StatsRatesQuery, StatsRatesQueryVariables>;
export const StatsMediationDocument = new TypedDocumentString(`
    query StatsMediation($region: String!, $from: String!, $to: String!) {
  mediationStats(region: $region, from: $from, to: $to, groupBy: month) {
    from
    to
    groupBy
    totals {
      taken
      resolved
      failed
      open
      successRate
    }
    rows {
      key
      label
      taken
      resolved
      failed
      open
      successRate
    }
  }
}
    `) as unknown as TypedDocumentString<StatsMediationQuery, StatsMediationQueryVariables>;
export const StatsRegionDocument = new TypedDocumentString(`
    query StatsRegion($region: String!) {
  regionByPath(region: $region) {
    id
    name
    path
    level
  }
}
    `) as unknown as TypedDocumentString<StatsRegionQuery, StatsRegionQueryVariables>;
export const StatsRegionChildrenDocument = new TypedDocumentString(`
    query StatsRegionChildren($id: ID!) {
  regionChildren(id: $id, first: 100) {
    items {
      id
      name
      path
      level
      archived
    }
  }
}
    `) as unknown as TypedDocumentString<StatsRegionChildrenQuery, StatsRegionChildrenQueryVariables>;