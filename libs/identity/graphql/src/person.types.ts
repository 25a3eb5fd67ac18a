import type { PersonView, RegisterPersonInput as RegisterPersonRequest } from '@gov/identity-contracts';
import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A person. Phone and ID number are masked unless unmasked by a permitted admin (audited).' })
export class Person implements PersonView {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() phone!: string;
  @Field() idCardNumber!: string;
  @Field() region!: string;
  @Field() masked!: boolean;
  @Field() createdAt!: string;
}

@InputType()
export class RegisterPersonInput implements RegisterPersonRequest {
  @Field() name!: string;
  @Field() phone!: string;
  @Field() idCardNumber!: string;
  @Field() region!: string;
  @Field({ nullable: true }) username?: string;
  @Field({ nullable: true }) password?: string;
}
