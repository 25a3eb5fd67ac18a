/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type * as Types from '../../api/schema-types.js';

import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Intake channel: qr (building QR code 扫码) and photo (随手拍) need no account; hotline (12345), door_knock (敲门行动) and mailbox (红色信箱) are typed in by staff; sentinel (哨兵上报) and steward_app by enrolled stewards. */
export type Channel =
  | 'door_knock'
  | 'hotline'
  | 'mailbox'
  | 'photo'
  | 'qr'
  | 'sentinel'
  | 'steward_app';

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

export type QueuePetitionsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  states?: Array<Types.PetitionState> | Types.PetitionState | null | undefined;
  category?: string | null | undefined;
  channels?: Array<Types.Channel> | Types.Channel | null | undefined;
  overdue?: boolean | null | undefined;
  region?: string | null | undefined;
}>;


export type QueuePetitionsQuery = { petitions: { items: Array<{ id: string, trackingCode: string, title: string, categoryNameZh: string, channel: Types.Channel, region: string, createdAt: string, deadline: string, overdue: boolean, state: Types.PetitionState, supervised: boolean }>, pageInfo: { endCursor: string | null, hasNextPage: boolean } } };

export type QueueCategoriesQueryVariables = Exact<{ [key: string]: never; }>;


export type QueueCategoriesQuery = { categories: Array<{ key: string, nameZh: string, categories: Array<{ key: string, nameZh: string }> }> };

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

export const QueuePetitionsDocument = new TypedDocumentString(`
    query QueuePetitions($first: Int, $after: String, $states: [PetitionState!], $category: String, $channels: [Channel!], $overdue: Boolean, $region: String) {
  petitions(
    first: $first
    after: $after
    states: $states
    category: $category
    channels: $channels
    overdue: $overdue
    region: $region
  ) {
    items {
      id
      trackingCode
      title
      categoryNameZh
      channel
      region
      createdAt
      deadline
      overdue
      state
      supervised
    }
    pageInfo {
      endCursor
      hasNextPage
    }
  }
}
    `) as unknown as TypedDocumentString<QueuePetitionsQuery, QueuePetitionsQueryVariables>;
export const QueueCategoriesDocument = new TypedDocumentString(`
    query QueueCategories {
  categories {
    key
    nameZh
    categories {
      key
      nameZh
    }
  }
}
    `) as unknown as TypedDocumentString<QueueCategoriesQuery, QueueCategoriesQueryVariables>;