import { DirectoryRepository } from '@gov/tasks-data-access';
import { Global, Module } from '@nestjs/common';
import { DirectoryController } from './directory.controller.js';
import { DirectoryService } from './directory.service.js';

/** Local read models of identity's stewards and units and grids' places (fed by their events). */
@Global()
@Module({
  controllers: [DirectoryController],
  providers: [DirectoryService, DirectoryRepository],
  exports: [DirectoryService, DirectoryRepository],
})
export class DirectoryModule {}
