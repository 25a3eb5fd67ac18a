import { Field, Float, InputType, ObjectType } from '@nestjs/graphql';

/** A point in WGS 84, as every service's map answers it. */
@ObjectType()
export class LatLng {
  @Field(() => Float) lat!: number;
  @Field(() => Float) lng!: number;
}

/** A point in WGS 84 (latitude −90…90, longitude −180…180), as every service's map takes it. */
@InputType()
export class LatLngInput {
  @Field(() => Float) lat!: number;
  @Field(() => Float) lng!: number;
}
