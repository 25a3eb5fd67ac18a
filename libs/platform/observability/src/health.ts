import { Controller, Get, Inject, Res, type DynamicModule, Module } from '@nestjs/common';
import type { Response } from 'express';
import { Metrics } from './metrics.js';

/** A readiness check: resolves true when the dependency answers. */
export type ReadinessCheck = () => Promise<boolean>;
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

@Controller()
export class HealthController {
  constructor(
    @Inject(READINESS_CHECKS) private readonly checks: Record<string, ReadinessCheck>,
    @Inject(Metrics) private readonly metrics: Metrics,
  ) {}

  /** Liveness: the event loop answers. Never checks dependencies, so a database outage does not restart pods. */
  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  /** Readiness: every dependency answers within a second; otherwise 503 and the pod leaves the Service. */
  @Get('health/ready')
  async ready(@Res() res: Response) {
    const results: Record<string, boolean> = {};
    await Promise.all(
      Object.entries(this.checks).map(async ([name, check]) => {
        results[name] = await Promise.race([
          check().catch(() => false),
          new Promise<boolean>((r) => setTimeout(() => r(false), 1000).unref()),
        ]);
      }),
    );
    const ok = Object.values(results).every(Boolean);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', checks: results });
  }

  @Get('metrics')
  async scrape(@Res() res: Response) {
    res.setHeader('content-type', this.metrics.registry.contentType);
    res.send(await this.metrics.registry.metrics());
  }
}

@Module({})
export class ObservabilityModule {
  static forRoot(metrics: Metrics, checks: Record<string, ReadinessCheck>): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [HealthController],
      providers: [
        { provide: Metrics, useValue: metrics },
        { provide: READINESS_CHECKS, useValue: checks },
      ],
      exports: [Metrics],
    };
  }
}
