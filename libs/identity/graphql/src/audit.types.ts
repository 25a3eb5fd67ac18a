import type { AuditEntryView } from '@gov/identity-contracts';
import { ConnectionType } from '@gov/platform-graphql';
import { Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * `detail` differs from the view: the service sends an object of any shape, which GraphQL
 * cannot type without a JSON scalar, so it travels as a JSON string (audit.resolver.ts).
 */
@ObjectType()
export class AuditEntry implements Omit<AuditEntryView, 'detail'> {
  @Field(() => ID) id!: string;
  @Field() at!: string;
  @Field(() => ID, { nullable: true }) actorId!: string | null;
  @Field(() => String, { nullable: true }) actorName!: string | null;
  @Field() operation!: string;
  @Field() targetType!: string;
  @Field(() => String, { nullable: true }) targetId!: string | null;
  @Field() region!: string;
  @Field(() => String, { description: 'ok or denied' }) outcome!: AuditEntryView['outcome'];
  @Field(() => String, { nullable: true, description: 'JSON details' }) detail!: string | null;
}

@ObjectType()
export class AuditConnection extends ConnectionType(AuditEntry) {}
