import type { Actor } from '@gov/kernel';
import { IdentityRpc, LoginInput, LogoutInput, RefreshInput } from '@gov/identity-contracts';
import { CurrentActor, Input } from '@gov/platform-service';
import { Controller, Get } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import type { z } from 'zod';
import { AccessService } from './access.service.js';
import { SigningKeys } from './signing-keys.js';

@Controller()
export class AccessController {
  constructor(
    private readonly access: AccessService,
    private readonly keys: SigningKeys,
  ) {}

  @MessagePattern(IdentityRpc.login)
  login(@Input(LoginInput) input: z.output<typeof LoginInput>) {
    return this.access.login(input);
  }

  @MessagePattern(IdentityRpc.refresh)
  refresh(@Input(RefreshInput) input: z.output<typeof RefreshInput>) {
    return this.access.refresh(input);
  }

  @MessagePattern(IdentityRpc.logout)
  logout(@Input(LogoutInput) input: z.output<typeof LogoutInput>) {
    return this.access.logout(input);
  }

  @MessagePattern(IdentityRpc.me)
  me(@CurrentActor() actor: Actor | null) {
    return this.access.me(actor);
  }

  /** The gateway fetches the keys over NATS... */
  @MessagePattern(IdentityRpc.jwks)
  jwks() {
    return this.keys.jwks();
  }

  /** ...and integrators that verify tokens themselves over HTTP. */
  @Get('.well-known/jwks.json')
  jwksOverHttp() {
    return this.keys.jwks();
  }
}
