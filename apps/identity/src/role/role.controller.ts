import type { Actor } from '@gov/kernel';
import { GrantRoleInput, IdentityRpc, RevokeRoleInput } from '@gov/identity-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { RoleService } from './role.service.js';

@Controller()
export class RoleController {
  constructor(private readonly roles: RoleService) {}

  @MessagePattern(IdentityRpc.roleGrant)
  grant(@CurrentActor() actor: Actor | null, @Input(GrantRoleInput) input: z.output<typeof GrantRoleInput>) {
    return this.roles.grant(actor, input);
  }

  @MessagePattern(IdentityRpc.roleRevoke)
  revoke(@CurrentActor() actor: Actor | null, @Input(RevokeRoleInput) input: z.output<typeof RevokeRoleInput>) {
    return this.roles.revoke(actor, input);
  }
}
