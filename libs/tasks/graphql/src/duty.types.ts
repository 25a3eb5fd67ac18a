import type { DutySummaryView } from '@gov/tasks-contracts';
import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: "A cadre's duty check-ins (双报到) at their home community's office in a year, against the yearly target." })
export class DutySummary implements DutySummaryView {
  @Field(() => ID) stewardId!: string;
  @Field(() => Int) year!: number;
  @Field(() => Int, { description: 'Days checked in (one a day counts).' }) count!: number;
  @Field(() => Int, { description: 'Check-ins owed per year (12).' }) target!: number;
  @Field(() => [String], { description: 'The days checked in, China Standard Time, YYYY-MM-DD, ascending.' }) days!: string[];
}
