import type { CreateMediationCaseInput as CreateMediationCaseRequest, MediationCaseView } from '@gov/mediation-contracts';
import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class MediationCase implements MediationCaseView {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() region!: string;
  @Field(() => ID) createdBy!: string;
  @Field() createdAt!: string;
}

@InputType()
export class CreateMediationCaseInput implements CreateMediationCaseRequest {
  @Field() name!: string;
  @Field() region!: string;
}
