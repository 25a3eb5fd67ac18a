import { PetitionsRpc, type CategoryView, type DepartmentView, type MajorCategoryView } from '@gov/petitions-contracts';
import { requireSignedIn, type GqlContext } from '@gov/platform-graphql';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Category, Department, MajorCategory, UpdateCategoryInput } from './category.types.js';

/** The taxonomy (事项分类) anyone may read, and the departments petitions go to. */
@Resolver()
export class CategoryResolver {
  /** No sign-in: the public QR and photo pages list the categories before anyone signs in. */
  @Query(() => [MajorCategory], { description: 'The taxonomy: major categories with their minor ones, in their current versions; no sign-in needed.' })
  categories(@Context() ctx: GqlContext, @Args('includeRetired', { type: () => Boolean, nullable: true, description: 'Also retired categories (default false).' }) includeRetired?: boolean | null) {
    return ctx.call<MajorCategoryView[]>(PetitionsRpc.categoryList, { includeRetired: includeRetired ?? undefined });
  }

  @Query(() => [Department], { description: 'Departments of your counties (and the city) that petitions can be assigned to or whistle for.' })
  departments(@Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<DepartmentView[]>(PetitionsRpc.departmentList, {});
  }

  @Mutation(() => Category, {
    description:
      'City admins only (FORBIDDEN otherwise): a new version of a minor category; petitions filed before keep the version they were filed under. Refused: VALIDATION UNKNOWN_CATEGORY, or a value out of range.',
  })
  updateCategory(@Args('input') input: UpdateCategoryInput, @Context() ctx: GqlContext) {
    requireSignedIn(ctx);
    return ctx.call<CategoryView>(PetitionsRpc.categoryUpdate, input);
  }
}
