import { Module } from '@nestjs/common';
import { CommonModule } from '../common/common.module.js';
import { AdminBootstrap } from './bootstrap.js';

/** The first administrator (and, through the feature services, the demo city): not reachable over NATS. */
@Module({
  imports: [CommonModule],
  providers: [AdminBootstrap],
  exports: [AdminBootstrap],
})
export class SeedModule {}
