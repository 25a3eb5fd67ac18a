import type { Actor } from '@gov/kernel';
import { ListCategoriesInput, PetitionsRpc, UpdateCategoryInput } from '@gov/petitions-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { z } from 'zod';
import { CategoryService } from './category.service.js';

@Controller()
export class CategoryController {
  constructor(private readonly categories: CategoryService) {}

  @MessagePattern(PetitionsRpc.categoryList)
  list(@Input(ListCategoriesInput) input: z.output<typeof ListCategoriesInput>) {
    return this.categories.list(input.includeRetired);
  }

  @MessagePattern(PetitionsRpc.categoryUpdate)
  update(@CurrentActor() actor: Actor | null, @Input(UpdateCategoryInput) input: z.output<typeof UpdateCategoryInput>) {
    return this.categories.update(actor, input);
  }

  @MessagePattern(PetitionsRpc.departmentList)
  departments(@CurrentActor() actor: Actor | null, @Input(z.object({})) _input: Record<string, never>) {
    return this.categories.departments(actor);
  }
}
