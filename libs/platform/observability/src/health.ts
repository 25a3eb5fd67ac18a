import { Controller, Get, Inject, Optional, Res, type DynamicModule, Module } from '@nestjs/common';
import type { Response } from 'express';
import { Metrics } from './metrics.js';

/** A readiness check: resolves true when the dependency answers. */
export type ReadinessCheck = () => Promise<boolean>;
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/**
 * Whether the process is shutting down: from the moment it is told to stop (SIGTERM), readiness
 * answers 503 without asking its dependencies, so the pod leaves the Service at once.
 */
export class ShutdownState {
  private stopping = false;
  get isShuttingDown(): boolean {
    return this.stopping;
  }
  begin(): void {
    this.stopping = true;
  }
}

@Controller()
export class HealthController {
  constructor(
    @Inject(READINESS_CHECKS) private readonly checks: Record<string, ReadinessCheck>,
    @Inject(Metrics) private readonly metrics: Metrics,
    @Optional() @Inject(ShutdownState) private readonly shutdown?: ShutdownState,
  ) {}

  /** Liveness: the event loop answers. Never checks dependencies, so a database outage does not restart pods. */
  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  /** Readiness: every dependency answers within a second; otherwise 503 and the pod leaves the Service. */
  @Get('health/ready')
  async ready(@Res() res: Response) {
    if (this.shutdown?.isShuttingDown) {
      res.status(503).json({ status: 'shutting-down', checks: {} });
      return;
    }
    const results: Record<string, boolean> = {};
    await Promise.all(
      Object.entries(this.checks).map(async ([name, check]) => {
        let timer: NodeJS.Timeout | undefined;
        results[name] = await Promise.race([check().catch(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 1000)))]);
        clearTimeout(timer);
      }),
    );
    const ok = Object.values(results).every(Boolean);
    res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'unavailable', checks: results });
  }

  @Get('metrics')
  async scrape(@Res() res: Response) {
    res.setHeader('content-type', this.metrics.registry.contentType);
    res.send(await this.metrics.scrape());
  }
}

@Module({})
export class ObservabilityModule {
  static forRoot(metrics: Metrics, checks: Record<string, ReadinessCheck>, shutdown = new ShutdownState()): DynamicModule {
    return {
      module: ObservabilityModule,
      controllers: [HealthController],
      providers: [
        { provide: Metrics, useValue: metrics },
        { provide: READINESS_CHECKS, useValue: checks },
        { provide: ShutdownState, useValue: shutdown },
      ],
      exports: [Metrics, ShutdownState],
    };
  }
}
