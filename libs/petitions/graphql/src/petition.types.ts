import type { CreatePetitionInput as CreatePetitionRequest, PetitionView } from '@gov/petitions-contracts';
import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class Petition implements PetitionView {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() region!: string;
  @Field(() => ID) createdBy!: string;
  @Field() createdAt!: string;
}

@InputType()
export class CreatePetitionInput implements CreatePetitionRequest {
  @Field() name!: string;
  @Field() region!: string;
}
