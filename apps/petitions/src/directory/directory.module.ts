import { DirectoryRepository } from '@gov/petitions-data-access';
import { Global, Module } from '@nestjs/common';
import { DirectoryController } from './directory.controller.js';
import { DirectoryService } from './directory.service.js';

/** Local read models of identity's departments and stewards (fed by its events). */
@Global()
@Module({
  controllers: [DirectoryController],
  providers: [DirectoryService, DirectoryRepository],
  exports: [DirectoryRepository],
})
export class DirectoryModule {}
