import type { Page } from '@gov/kernel';
import type { Type } from '@nestjs/common';
import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class PageInfo {
  @Field(() => String, { nullable: true }) endCursor!: string | null;
  @Field() hasNextPage!: boolean;
}

/**
 * What a list query answers in GraphQL. It differs from the services' Page<T> on purpose: the
 * paging fields sit under `pageInfo`, the shape county frontends already rely on.
 */
export interface Connection<T> {
  items: T[];
  pageInfo: PageInfo;
}

/** A service's Page<T> as a GraphQL connection. */
export function connection<T>(page: Page<T>): Connection<T> {
  return { items: page.items, pageInfo: { endCursor: page.endCursor, hasNextPage: page.hasNextPage } };
}

/**
 * Base class of a connection object type: `@ObjectType() class UnitConnection extends
 * ConnectionType(Unit) {}`. Abstract, so only the named subclasses reach the schema.
 */
export function ConnectionType<T>(item: Type<T>) {
  @ObjectType({ isAbstract: true })
  abstract class ItemConnection implements Connection<T> {
    @Field(() => [item]) items!: T[];
    @Field(() => PageInfo) pageInfo!: PageInfo;
  }
  return ItemConnection;
}
