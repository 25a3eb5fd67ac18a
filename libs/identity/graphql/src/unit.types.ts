import { UNIT_KINDS, type CreateUnitInput as CreateUnitRequest, type UnitKind, type UnitView } from '@gov/identity-contracts';
import { ConnectionType, enumFromValues } from '@gov/platform-graphql';
import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';

export const UnitKindEnum = enumFromValues(UNIT_KINDS);
registerEnumType(UnitKindEnum, { name: 'UnitKind', description: 'Liaison unit (包联单位), government department, enterprise or social organisation.' });

@ObjectType()
export class Unit implements UnitView {
  @Field(() => ID) id!: string;
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => UnitKindEnum) kind!: UnitKind;
  @Field() region!: string;
  @Field() createdAt!: string;
}

@ObjectType()
export class UnitConnection extends ConnectionType(Unit) {}

@InputType()
export class CreateUnitInput implements CreateUnitRequest {
  @Field() code!: string;
  @Field() name!: string;
  @Field(() => UnitKindEnum) kind!: UnitKind;
  @Field() region!: string;
}
