import { MAX_TIME_LIMIT_DAYS, type CategoryView, type DepartmentView, type Level, type MajorCategoryView } from '@gov/petitions-contracts';
import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { LevelEnum } from './petition.types.js';

@ObjectType({ description: 'A minor category of the taxonomy (事项分类), in its current version.' })
export class Category implements CategoryView {
  @Field({ description: '<major>.<minor>, e.g. municipal.streetlight.' }) key!: string;
  @Field() majorKey!: string;
  @Field() nameZh!: string;
  @Field() majorNameZh!: string;
  @Field(() => Int, { description: 'Each edit is a new version; petitions keep the version they were filed under.' }) version!: number;
  @Field(() => LevelEnum, { description: 'The level its petitions are assigned to first.' }) defaultLevel!: Level;
  @Field(() => String, { nullable: true, description: 'The default department by its functional name, e.g. 住房和城乡建设局.' }) defaultDepartment!: string | null;
  @Field(() => Int, { description: 'Days a petition of it has from submission to closure.' }) timeLimitDays!: number;
  @Field({ description: 'Whether a petition of it may be submitted without a contact.' }) anonymousAllowed!: boolean;
  @Field({ description: 'No longer offered for new petitions.' }) retired!: boolean;
  @Field({ description: 'When this version was made.' }) updatedAt!: string;
}

@ObjectType({ description: 'A major category with its minor categories.' })
export class MajorCategory implements MajorCategoryView {
  @Field() key!: string;
  @Field() nameZh!: string;
  @Field(() => [Category]) categories!: Category[];
}

@ObjectType({ description: 'A government department petitions can be assigned to or whistle for.' })
export class Department implements DepartmentView {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) code!: string | null;
  @Field() name!: string;
  @Field({ description: 'The county (or city) it belongs to.' }) region!: string;
}

@InputType({ description: 'Fields left out keep their value; the edit becomes a new version of the category.' })
export class UpdateCategoryInput {
  @Field({ description: 'The minor category key.' }) key!: string;
  @Field(() => String, { nullable: true, description: '1–40 characters.' }) nameZh?: string | null;
  @Field(() => LevelEnum, { nullable: true }) defaultLevel?: Level | null;
  @Field(() => String, { nullable: true, description: 'A functional name (at most 32 characters); null or empty clears it.' }) defaultDepartment?: string | null;
  @Field(() => Int, { nullable: true, description: `1–${MAX_TIME_LIMIT_DAYS} days.` }) timeLimitDays?: number | null;
  @Field(() => Boolean, { nullable: true }) anonymousAllowed?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'true takes it out of use for new petitions; false brings it back.' }) retired?: boolean | null;
}
