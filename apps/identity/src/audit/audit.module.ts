import { AuditRepository } from '@gov/identity-data-access';
import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { AuditService } from './audit.service.js';

@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditRepository],
})
export class AuditModule {}
