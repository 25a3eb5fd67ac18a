import { LoginThrottleRepository, SigningKeyRepository } from '@gov/identity-data-access';
import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module.js';
import { AccessController } from './access.controller.js';
import { AccessService } from './access.service.js';
import { LoginThrottle } from './login-throttle.js';
import { SigningKeys } from './signing-keys.js';

@Module({
  imports: [CommonModule],
  controllers: [AccessController],
  providers: [AccessService, SigningKeys, SigningKeyRepository, LoginThrottle, LoginThrottleRepository],
  exports: [SigningKeys],
})
export class AccessModule {}
