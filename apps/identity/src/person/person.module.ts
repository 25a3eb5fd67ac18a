import { PersonRecordRepository } from '@gov/identity-data-access';
import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module.js';
import { PersonController } from './person.controller.js';
import { PersonService } from './person.service.js';

@Module({
  imports: [CommonModule],
  controllers: [PersonController],
  providers: [PersonService, PersonRecordRepository],
  exports: [PersonService],
})
export class PersonModule {}
