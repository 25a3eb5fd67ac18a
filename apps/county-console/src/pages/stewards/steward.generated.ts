/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type * as Types from '../../api/schema-types.js';

import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Five-member deliberation (五员议事) role. */
export type DeliberationRole =
  | 'custom_reformer'
  | 'dispute_mediator'
  | 'information_collector'
  | 'policy_explainer'
  | 'special_group_helper';

/** Excellent stewards of the year: gold for places 1–10, silver 11–30, bronze 31–60. */
export type Medal =
  | 'bronze'
  | 'gold'
  | 'silver';

/** Place in the sentinel chain (哨兵—组长—班长). */
export type SentinelRole =
  | 'group_leader'
  | 'sentinel'
  | 'squad_leader';

export type StewardDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type StewardDetailQuery = { steward: { id: string, number: string, class: number, grid: string, building: string | null, enrolledAt: string, updatedAt: string, sentinelRole: Types.SentinelRole | null, deliberationRole: Types.DeliberationRole | null, numberHistory: Array<{ number: string, issuedAt: string, retiredAt: string | null }>, card: { name: string | null, number: string, classTitle: string, unitName: string | null, grid: string, building: string | null, duties: Array<string> }, person: { name: string, phone: string, idCardNumber: string, masked: boolean } | null, unit: { code: string, name: string } | null, reportsTo: { id: string, number: string, card: { name: string | null } } | null } };

export type StewardBackQueryVariables = Exact<{
  stewardId: string | number;
  year: number;
  yearText: string;
  county: string;
}>;


export type StewardBackQuery = { dutyCheckIns: { count: number, target: number }, pointsLedger: { items: Array<{ amount: number }>, pageInfo: { hasNextPage: boolean } }, excellentStewards: { items: Array<{ stewardId: string, medal: Types.Medal | null, rank: number, points: number, starMonths: Array<string> }> } };

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

export const StewardDetailDocument = new TypedDocumentString(`
    query StewardDetail($id: ID!) {
  steward(id: $id) {
    id
    number
    class
    grid
    building
    enrolledAt
    updatedAt
    numberHistory {
      number
      issuedAt
      retiredAt
    }
    sentinelRole
    deliberationRole
    card {
      name
      number
      classTitle
      unitName
      grid
      building
      duties
    }
    person {
      name
      phone
      idCardNumber
      masked
    }
    unit {
      code
      name
    }
    reportsTo {
      id
      number
      card {
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<StewardDetailQuery, StewardDetailQueryVariables>;
export const StewardBackDocument = new TypedDocumentString(`
    query StewardBack($stewardId: ID!, $year: Int!, $yearText: String!, $county: String!) {
  dutyCheckIns(stewardId: $stewardId, year: $year) {
    count
    target
  }
  pointsLedger(stewardId: $stewardId, period: $yearText, first: 100) {
    items {
      amount
    }
    pageInfo {
      hasNextPage
    }
  }
  excellentStewards(county: $county, year: $yearText) {
    items {
      stewardId
      medal
      rank
      points
      starMonths
    }
  }
}
    `) as unknown as TypedDocumentString<StewardBackQuery, StewardBackQueryVariables>;