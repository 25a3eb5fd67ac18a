import { PersonRefRepository } from '@gov/grids-data-access';
import { Module } from '@nestjs/common';
import { PersonController } from './person.controller.js';
import { PersonDirectory } from './person-directory.js';

/** identity's persons, as far as grids needs them (a read model fed by identity's events). */
@Module({
  controllers: [PersonController],
  providers: [PersonDirectory, PersonRefRepository],
  exports: [PersonDirectory, PersonRefRepository],
})
export class PersonModule {}
