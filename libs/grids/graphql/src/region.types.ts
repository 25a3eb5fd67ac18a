import type { CreateRegionInput as CreateRegionRequest, RegionView } from '@gov/grids-contracts';
import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class Region implements RegionView {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() region!: string;
  @Field(() => ID) createdBy!: string;
  @Field() createdAt!: string;
}

@InputType()
export class CreateRegionInput implements CreateRegionRequest {
  @Field() name!: string;
  @Field() region!: string;
}
