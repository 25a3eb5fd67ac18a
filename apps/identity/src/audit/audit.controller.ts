import type { Actor } from '@gov/kernel';
import { IdentityRpc, ListAuditInput } from '@gov/identity-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { AuditService } from './audit.service.js';

@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @MessagePattern(IdentityRpc.auditList)
  list(@CurrentActor() actor: Actor | null, @Input(ListAuditInput) input: z.output<typeof ListAuditInput>) {
    return this.audit.list(actor, input);
  }
}
