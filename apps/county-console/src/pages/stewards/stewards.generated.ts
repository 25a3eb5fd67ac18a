/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type * as Types from '../../api/schema-types.js';

import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type StewardFilter = {
  class?: number | null | undefined;
  region?: string | null | undefined;
  unitId?: string | number | null | undefined;
};

export type StewardsDirectoryQueryVariables = Exact<{
  filter?: Types.StewardFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type StewardsDirectoryQuery = { stewards: { items: Array<{ id: string, number: string, class: number, grid: string, building: string | null, enrolledAt: string, card: { name: string | null, unitName: string | null, classTitle: string } }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type StewardsUnitsQueryVariables = Exact<{
  region?: string | null | undefined;
  first?: number | null | undefined;
}>;


export type StewardsUnitsQuery = { units: { items: Array<{ id: string, code: string, name: string }> } };

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

export const StewardsDirectoryDocument = new TypedDocumentString(`
    query StewardsDirectory($filter: StewardFilter, $first: Int, $after: String) {
  stewards(filter: $filter, first: $first, after: $after) {
    items {
      id
      number
      class
      grid
      building
      enrolledAt
      card {
        name
        unitName
        classTitle
      }
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<StewardsDirectoryQuery, StewardsDirectoryQueryVariables>;
export const StewardsUnitsDocument = new TypedDocumentString(`
    query StewardsUnits($region: String, $first: Int) {
  units(region: $region, first: $first) {
    items {
      id
      code
      name
    }
  }
}
    `) as unknown as TypedDocumentString<StewardsUnitsQuery, StewardsUnitsQueryVariables>;