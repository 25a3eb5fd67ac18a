import { CategoryRepository } from '@gov/petitions-data-access';
import { Global, Module } from '@nestjs/common';
import { CategoryController } from './category.controller.js';
import { CategoryService } from './category.service.js';

/** The taxonomy (事项分类) and the departments petitions go to. */
@Global()
@Module({
  controllers: [CategoryController],
  providers: [CategoryService, CategoryRepository],
  exports: [CategoryRepository],
})
export class CategoryModule {}
